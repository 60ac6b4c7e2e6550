using Tuner.Shared;
using Tuner.Shared.Checkpoints;
using Tuner.Shared.Hyperparameters;
using Tuner.Shared.Protocol;
using Tuner.Shared.Trials;
using Tuner.TrialWorker.Workers;

namespace Tuner.TrialWorker.Tests.Workers;

public class WorkerActorTests : Akka.TestKit.Xunit.TestKit
{
    // Generous: a loaded 2-core machine (other builds and tests) can delay a message by seconds; a pass never waits this long.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static WorkerSettings Settings(int slots = 1) => new()
    {
        WorkerId = "w1",
        Slots = slots,
        RegisterInterval = TimeSpan.FromMilliseconds(200),
        ExitWhenStudyFinishes = false,
    };

    private static TrialAssignment Assignment(int trial, int from, int to, CheckpointManifest? checkpoint = null, byte[]? inline = null) =>
        new(trial, 1, 0, 0, HyperparameterSet.Empty.With("learning_rate", new HyperparameterValue.RealNumber(0.1)), from, to, 42, checkpoint, inline);

    [Fact]
    public void Registers_asks_for_work_trains_and_resends_the_result_until_acknowledged()
    {
        var coordinator = CreateTestProbe();
        var runner = new ScriptedRunner { CheckpointSize = CheckpointShelf.InlineLimit + 1 };
        var worker = Sys.ActorOf(WorkerActor.Props(Settings(slots: 2), runner, coordinator.Ref));

        var registration = coordinator.ExpectMsg<RegisterWorker>(Wait);
        Assert.Equal(ProtocolVersion.Current, registration.ProtocolVersion);
        worker.Tell(new WorkerAccepted("study"), coordinator.Ref);
        Assert.Equal(2, coordinator.FishForMessage<RequestTrial>(_ => true, Wait).FreeSlots);

        worker.Tell(Assignment(1, 0, 2), coordinator.Ref);
        var progress = coordinator.FishForMessage<TrialProgress>(_ => true, Wait);
        Assert.Equal(1, progress.Metrics.Epoch);
        var finished = coordinator.FishForMessage<TrialFinished>(_ => true, Wait);
        Assert.Equal([1, 2], finished.Outcome.Epochs.Select(e => e.Epoch));
        Assert.True(finished.Outcome.Succeeded);
        Assert.NotNull(finished.Checkpoint);
        Assert.Null(finished.CheckpointBytes);

        var again = coordinator.FishForMessage<TrialFinished>(_ => true, Wait);
        Assert.Equal(finished.TrialId, again.TrialId);

        worker.Tell(new RequestCheckpointChunk(finished.Checkpoint!.CheckpointId, 0), coordinator.Ref);
        Assert.Equal(runner.CheckpointFor(1, 2), coordinator.FishForMessage<CheckpointChunk>(_ => true, Wait).Data);

        worker.Tell(new TrialFinishedAcknowledged(1, 1), coordinator.Ref);
        coordinator.FishForMessage<RegisterWorker>(_ => true, Wait);
        coordinator.FishForMessage<RegisterWorker>(_ => true, Wait);
        worker.Tell(new RequestCheckpointChunk(finished.Checkpoint.CheckpointId, 0), coordinator.Ref);
        Assert.True(coordinator.FishForMessage<CheckpointChunk>(_ => true, Wait).Missing);
    }

    [Fact]
    public void A_small_checkpoint_goes_inside_the_result_and_is_not_held_for_fetching()
    {
        var coordinator = CreateTestProbe();
        var runner = new ScriptedRunner();
        var worker = Sys.ActorOf(WorkerActor.Props(Settings(), runner, coordinator.Ref));
        worker.Tell(new WorkerAccepted("study"), coordinator.Ref);

        worker.Tell(Assignment(1, 0, 2), coordinator.Ref);
        var finished = coordinator.FishForMessage<TrialFinished>(_ => true, Wait);

        Assert.Equal(runner.CheckpointFor(1, 2), finished.CheckpointBytes);
        Assert.True(CheckpointShelf.Matches(finished.Checkpoint!, finished.CheckpointBytes!));
        worker.Tell(new RequestCheckpointChunk(finished.Checkpoint!.CheckpointId, 0), coordinator.Ref);
        Assert.True(coordinator.FishForMessage<CheckpointChunk>(_ => true, Wait).Missing);
    }

    [Fact]
    public void A_promoted_trial_with_a_small_checkpoint_resumes_from_the_bytes_sent_without_fetching_them()
    {
        var coordinator = CreateTestProbe();
        var runner = new ScriptedRunner();
        var worker = Sys.ActorOf(WorkerActor.Props(Settings(slots: 2), runner, coordinator.Ref));
        worker.Tell(new WorkerAccepted("study"), coordinator.Ref);
        byte[] saved = [9, 8, 7];
        var manifest = CheckpointShelf.Describe("0002-e1", saved);

        worker.Tell(Assignment(2, 1, 3, manifest, saved), coordinator.Ref);
        worker.Tell(Assignment(6, 1, 3, manifest, [9, 8, 0]), coordinator.Ref);
        var damaged = coordinator.FishForMessage<TrialFinished>(r => r.TrialId == 6, Wait);
        var resumed = coordinator.FishForMessage<TrialFinished>(r => r.TrialId == 2, Wait);

        Assert.Equal(saved, runner.ResumedFrom[2]);
        Assert.Equal([2, 3], resumed.Outcome.Epochs.Select(e => e.Epoch));
        Assert.Contains("SHA-256", damaged.Outcome.FailureReason, StringComparison.Ordinal);
        Assert.False(runner.ResumedFrom.ContainsKey(6));
    }

    [Fact]
    public void A_promoted_trial_fetches_its_checkpoint_from_the_coordinator_and_resumes_from_it()
    {
        var coordinator = CreateTestProbe();
        var runner = new ScriptedRunner();
        var worker = Sys.ActorOf(WorkerActor.Props(Settings(), runner, coordinator.Ref));
        worker.Tell(new WorkerAccepted("study"), coordinator.Ref);
        var saved = new byte[CheckpointShelf.ChunkSize * 2 + 5];
        new Random(3).NextBytes(saved);
        var shelf = new CheckpointShelf();
        var manifest = shelf.Put("0002-e1", saved);

        worker.Tell(Assignment(2, 1, 3, manifest), coordinator.Ref);
        for (var i = 0; i < manifest.Chunks; i++)
        {
            var request = coordinator.FishForMessage<RequestCheckpointChunk>(_ => true, Wait);
            coordinator.Reply(shelf.Chunk(request.CheckpointId, request.Index));
        }
        var finished = coordinator.FishForMessage<TrialFinished>(_ => true, Wait);

        Assert.Equal(saved, runner.ResumedFrom[2]);
        Assert.Equal([2, 3], finished.Outcome.Epochs.Select(e => e.Epoch));
    }

    [Fact]
    public void A_damaged_checkpoint_fails_the_attempt_instead_of_training_from_garbage()
    {
        var coordinator = CreateTestProbe();
        var runner = new ScriptedRunner();
        var worker = Sys.ActorOf(WorkerActor.Props(Settings(), runner, coordinator.Ref));
        worker.Tell(new WorkerAccepted("study"), coordinator.Ref);
        var manifest = new CheckpointShelf().Put("c", [1, 2, 3]) with { Sha256 = "00" };

        worker.Tell(Assignment(3, 1, 2, manifest), coordinator.Ref);
        var request = coordinator.FishForMessage<RequestCheckpointChunk>(_ => true, Wait);
        coordinator.Reply(new CheckpointChunk(request.CheckpointId, 0, [1, 2, 3]));
        var finished = coordinator.FishForMessage<TrialFinished>(_ => true, Wait);

        Assert.Contains("damaged", finished.Outcome.FailureReason, StringComparison.Ordinal);
        Assert.False(runner.ResumedFrom.ContainsKey(3));
    }

    [Fact]
    public void A_crashing_trial_is_reported_as_failed_and_its_slot_is_asked_for_once_acknowledged_alone()
    {
        var coordinator = CreateTestProbe();
        var worker = Sys.ActorOf(WorkerActor.Props(Settings(), new ScriptedRunner { Crash = true }, coordinator.Ref));
        worker.Tell(new WorkerAccepted("study"), coordinator.Ref);
        coordinator.FishForMessage<RequestTrial>(_ => true, Wait);

        worker.Tell(Assignment(4, 0, 1), coordinator.Ref);
        var finished = coordinator.FishForMessage<TrialFinished>(_ => true, Wait);
        Assert.Contains("boom", finished.Outcome.FailureReason, StringComparison.Ordinal);
        worker.Tell(new TrialFinishedAcknowledged(4, 1), coordinator.Ref);
        Assert.Equal(1, coordinator.FishForMessage<RequestTrial>(_ => true, Wait).FreeSlots);
    }

    [Fact]
    public void A_slot_stays_busy_until_its_result_is_acknowledged_and_the_assignment_carrying_the_acknowledgement_takes_it()
    {
        var coordinator = CreateTestProbe();
        var worker = Sys.ActorOf(WorkerActor.Props(Settings(slots: 2), new ScriptedRunner(), coordinator.Ref));
        worker.Tell(new WorkerAccepted("study"), coordinator.Ref);
        Assert.Equal(2, coordinator.FishForMessage<RequestTrial>(_ => true, Wait).FreeSlots);

        worker.Tell(Assignment(1, 0, 1), coordinator.Ref);
        coordinator.FishForMessage<TrialFinished>(r => r.TrialId == 1, Wait);
        // The result asks for its own slot; the heartbeat asks only for the other one.
        Assert.Equal(1, coordinator.FishForMessage<RequestTrial>(_ => true, Wait).FreeSlots);

        worker.Tell(Assignment(2, 0, 1) with { Acknowledges = new TrialFinishedAcknowledged(1, 1) }, coordinator.Ref);
        coordinator.FishForMessage<TrialFinished>(r => r.TrialId == 2, Wait);
        // Trial 1 is not re-sent (it was acknowledged); trial 2's result is, and its slot is still not asked for.
        var resent = coordinator.FishForMessage<TrialFinished>(_ => true, Wait);
        Assert.Equal(2, resent.TrialId);
        Assert.Equal(1, coordinator.FishForMessage<RequestTrial>(_ => true, Wait).FreeSlots);

        worker.Tell(new TrialFinishedAcknowledged(2, 1), coordinator.Ref);
        Assert.Equal(2, coordinator.FishForMessage<RequestTrial>(r => r.FreeSlots == 2, Wait).FreeSlots);
        coordinator.ReceiveWhile<object>(TimeSpan.FromMilliseconds(600), message => message is TrialFinished ? throw new InvalidOperationException("an acknowledged result was re-sent") : message);
    }

    [Fact]
    public void A_cancelled_trial_reports_nothing()
    {
        var coordinator = CreateTestProbe();
        var runner = new ScriptedRunner { EpochDelay = TimeSpan.FromMilliseconds(200) };
        var worker = Sys.ActorOf(WorkerActor.Props(Settings(), runner, coordinator.Ref));
        worker.Tell(new WorkerAccepted("study"), coordinator.Ref);

        worker.Tell(Assignment(5, 0, 50), coordinator.Ref);
        coordinator.FishForMessage<TrialProgress>(_ => true, Wait);
        worker.Tell(new CancelTrial(5, 1), coordinator.Ref);

        coordinator.FishForMessage<RequestTrial>(_ => true, Wait);
        coordinator.FishForMessage<RegisterWorker>(_ => true, Wait);
        coordinator.ReceiveWhile<object>(TimeSpan.FromMilliseconds(600), message => message is TrialFinished ? throw new InvalidOperationException("a cancelled attempt reported a result") : message);
    }

    /// <summary>Epochs with made-up metrics; the checkpoint starts with the trial id and epoch, so a resume can be checked.</summary>
    private sealed class ScriptedRunner : ITrialRunner
    {
        public bool Crash { get; init; }

        public TimeSpan EpochDelay { get; init; } = TimeSpan.FromMilliseconds(10);

        public Dictionary<int, byte[]> ResumedFrom { get; } = [];

        /// <summary>Pads checkpoints to this many bytes (to send them by chunks rather than inline).</summary>
        public int CheckpointSize { get; init; }

        public byte[] CheckpointFor(int trial, int epoch)
        {
            var name = System.Text.Encoding.UTF8.GetBytes($"{trial}@{epoch}");
            var bytes = new byte[Math.Max(name.Length, CheckpointSize)];
            name.CopyTo(bytes, 0);
            return bytes;
        }

        public TrialRun Run(TrialAssignment assignment, byte[]? checkpoint, Action<EpochMetrics> onEpoch, CancellationToken cancellation)
        {
            if (Crash)
            {
                throw new InvalidOperationException("boom");
            }
            if (checkpoint is not null)
            {
                lock (ResumedFrom)
                {
                    ResumedFrom[assignment.TrialId] = checkpoint;
                }
            }
            var epochs = new List<EpochMetrics>();
            for (var epoch = assignment.FromEpoch + 1; epoch <= assignment.ToEpoch; epoch++)
            {
                cancellation.ThrowIfCancellationRequested();
                Thread.Sleep(EpochDelay);
                var metrics = new EpochMetrics(epoch, 1.0 / epoch, 0.5, 1.0 / epoch, 0.5 + epoch / 100.0, TimeSpan.FromMilliseconds(10));
                epochs.Add(metrics);
                onEpoch(metrics);
            }
            return new TrialRun(new TrialOutcome([.. epochs], null, TimeSpan.FromMilliseconds(100)), CheckpointFor(assignment.TrialId, assignment.ToEpoch));
        }
    }
}
