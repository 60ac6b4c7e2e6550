using Akka.Actor;
using Tuner.Coordinator.Coordination;
using Tuner.Coordinator.Persistence;
using Tuner.Coordinator.Scheduling;
using Tuner.Coordinator.SearchSpaces;
using Tuner.Shared;
using Tuner.Shared.Checkpoints;
using Tuner.Shared.Protocol;
using Tuner.Shared.Status;
using EpochMetrics = Tuner.Shared.Trials.EpochMetrics;

namespace Tuner.Coordinator.Tests.Coordination;

/// <summary>
/// The coordinator does not wait for its journal: these check what it lets out while a write is pending, and that a
/// coordinator rebuilt from that journal agrees with what the first one told its workers.
/// </summary>
public sealed class PendingWriteTests() : Akka.TestKit.Xunit.TestKit(GatedJournal.Config)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static readonly ScheduleOptions Schedule = new(ScheduleKind.Keras, MaxEpochs: 4, Factor: 2);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"coordinator-{Guid.NewGuid():N}");

    private static StudyDefinition Definition => StudyDefinition.Of(BuiltInStudies.Find("seed-mlp")!, Schedule, 7, HyperbandEngine.DefaultMaxAttempts);

    private static StudyRunSettings Settings => new()
    {
        SweepInterval = TimeSpan.FromMilliseconds(100),
        ProgressTimeout = TimeSpan.FromSeconds(60),
        WorkerSilence = TimeSpan.FromSeconds(60),
    };

    private IActorRef Coordinator(string name) =>
        Sys.ActorOf(CoordinatorActor.Props(Definition, Settings, StudyStorage.In(_directory, "seed-mlp", ExistingStudy.ResumeSame, 100), new TaskCompletionSource<StudyEnded>()), name);

    protected override void Dispose(bool disposing)
    {
        GatedJournal.Release();
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void A_result_is_acknowledged_only_once_journaled_and_neither_its_repeat_nor_its_workers_death_takes_it_back()
    {
        var worker = CreateTestProbe();
        var coordinator = Coordinator("first");
        coordinator.Tell(new RegisterWorker("w", ProtocolVersion.Current, 1), worker.Ref);
        worker.ExpectMsg<WorkerAccepted>(Wait);
        coordinator.Tell(new RequestTrial("w", 1), worker.Ref);
        var first = worker.FishForMessage<TrialAssignment>(_ => true, Wait);

        GatedJournal.Hold();
        coordinator.Tell(Result(first), worker.Ref);
        coordinator.Tell(Result(first), worker.Ref);
        // The freed slot is given out at once, but the worker hears of that, and of its result being counted, only
        // once both are journaled: one message, the assignment carrying the acknowledgement.
        worker.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        GatedJournal.Release();
        var second = worker.ExpectMsg<TrialAssignment>(Wait);
        Assert.Equal(new TrialFinishedAcknowledged(first.TrialId, first.Attempt), second.Acknowledges);
        worker.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        GatedJournal.Hold();
        coordinator.Tell(Result(second), worker.Ref);
        Sys.Stop(worker.Ref);
        Thread.Sleep(300);
        GatedJournal.Release();
        // Another worker's assignment is sent only once every earlier write is through.
        var other = CreateTestProbe();
        coordinator.Tell(new RegisterWorker("other", ProtocolVersion.Current, 1), other.Ref);
        other.ExpectMsg<WorkerAccepted>(Wait);
        coordinator.Tell(new RequestTrial("other", 1), other.Ref);
        other.FishForMessage<TrialAssignment>(_ => true, Wait);
        Watch(coordinator);
        Sys.Stop(coordinator);
        ExpectTerminated(coordinator, Wait);

        // Rebuilt from the journal: both results counted (the worker died after sending the second, before hearing it
        // was counted), nothing out.
        var rebuilt = Coordinator("rebuilt");
        rebuilt.Tell(RequestStudyStatus.Instance, TestActor);
        var recovered = FishForMessage<StudySnapshot>(_ => true, Wait);
        Assert.Equal(first.ToEpoch - first.FromEpoch + second.ToEpoch - second.FromEpoch, recovered.EpochsTrained);
        Assert.Equal(2, recovered.Rungs.Sum(r => r.Reported));
        Assert.Empty(recovered.Running);
    }

    private static TrialFinished Result(TrialAssignment assignment)
    {
        byte[] checkpoint = [(byte)assignment.TrialId, 2, 3];
        var epoch = new EpochMetrics(assignment.ToEpoch, 0.5, 0.8, 0.4, 0.85, TimeSpan.FromSeconds(1));
        return new TrialFinished(assignment.TrialId, assignment.Attempt, "w", new Shared.Trials.TrialOutcome([epoch], null, TimeSpan.FromSeconds(1)),
            CheckpointShelf.Describe($"c{assignment.TrialId}", checkpoint), checkpoint);
    }
}
