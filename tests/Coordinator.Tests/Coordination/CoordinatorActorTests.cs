using Akka.Actor;
using Tuner.Coordinator.Coordination;
using Tuner.Coordinator.Persistence;
using Tuner.Coordinator.Scheduling;
using Tuner.Coordinator.SearchSpaces;
using Tuner.Shared;
using Tuner.Shared.Protocol;
using Tuner.TrialWorker.Workers;

namespace Tuner.Coordinator.Tests.Coordination;

public sealed class CoordinatorActorTests() : Akka.TestKit.Xunit.TestKit(InMemoryJournal)
{
    // The journal is exercised on SQLite in the persistence tests; here it only has to keep events for the actor.
    private const string InMemoryJournal = """
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"coordinator-{Guid.NewGuid():N}");

    private static readonly ScheduleOptions Schedule = new(ScheduleKind.Keras, MaxEpochs: 4, Factor: 2);

    private static HyperbandEngine NewEngine() => HyperbandEngine.Start(BuiltInStudies.Find("seed-mlp")!, Schedule, seed: 7);

    private static WorkerSettings Worker(string id) => new()
    {
        WorkerId = id,
        Slots = 1,
        RegisterInterval = TimeSpan.FromMilliseconds(100),
        ExitWhenStudyFinishes = false,
    };

    private static StudyRunSettings FastSweeps => new()
    {
        SweepInterval = TimeSpan.FromMilliseconds(100),
        ProgressTimeout = TimeSpan.FromSeconds(30),
        WorkerSilence = TimeSpan.FromSeconds(30),
    };

    private static StudyDefinition Definition => StudyDefinition.Of(BuiltInStudies.Find("seed-mlp")!, Schedule, 7, HyperbandEngine.DefaultMaxAttempts);

    private IActorRef Coordinator(StudyRunSettings settings, TaskCompletionSource<StudyEnded> ended) =>
        Sys.ActorOf(CoordinatorActor.Props(Definition, settings, StudyStorage.In(_directory, "seed-mlp", ExistingStudy.ResumeSame, 100), ended));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>The same study driven one run at a time, with the same scores: what any parallel run must agree with.</summary>
    private static BestTrial SequentialBest()
    {
        var engine = NewEngine();
        while (engine.Handle(new TuningEvent.WorkerReady()) is Decision.Run run)
        {
            engine.Handle(new TuningEvent.TrialCompleted(run.TrialId, run.Attempt, ScoringRunner.Score(run.Hyperparameters, run.ToEpoch)));
        }
        return engine.Best()!;
    }

    [Fact]
    public async Task Three_workers_finish_the_study_with_every_run_counted_once_and_the_sequential_best()
    {
        var engine = NewEngine();
        var plan = engine.Plan;
        var ended = new TaskCompletionSource<StudyEnded>();
        var coordinator = Coordinator(FastSweeps, ended);
        var runner = new ScoringRunner(TimeSpan.FromMilliseconds(5));
        foreach (var id in new[] { "w1", "w2", "w3" })
        {
            Sys.ActorOf(WorkerActor.Props(Worker(id), runner, coordinator));
        }

        var result = await ended.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.True(result.Status.Finished);
        Assert.All(result.Status.Trials, t => Assert.Contains(t.Outcome, new[] { TrialOutcome.Completed, TrialOutcome.Stopped }));
        Assert.Equal(plan.Runs, result.Runs.Count);
        Assert.Equal(plan.Runs, runner.Runs);
        Assert.Equal(plan.Epochs, result.Runs.Sum(r => r.ToEpoch - r.FromEpoch));
        Assert.Equal(plan.Runs, result.Runs.Select(r => (r.TrialId, r.Rung)).Distinct().Count());
        var best = SequentialBest();
        Assert.Equal(best.TrialId, result.Status.Best!.TrialId);
        Assert.Equal(best.ValAccuracy, result.Status.Best.ValAccuracy);
        Assert.Equal(ScoringRunner.CheckpointOf(best.TrialId, best.Epochs), result.BestCheckpoint);
        Assert.Equal(3, result.Workers.Count);
    }

    [Fact]
    public async Task A_worker_that_dies_mid_trial_has_its_trial_resumed_by_another_from_its_checkpoint()
    {
        var engine = NewEngine();
        var ended = new TaskCompletionSource<StudyEnded>();
        var coordinator = Coordinator(FastSweeps, ended);
        var healthy = Sys.ActorOf(WorkerActor.Props(Worker("healthy"), new ScoringRunner(TimeSpan.FromMilliseconds(5)), coordinator));
        var doomedRunner = new ScoringRunner(TimeSpan.FromMilliseconds(5), hangOnRun: 2);
        var doomed = Sys.ActorOf(WorkerActor.Props(Worker("doomed"), doomedRunner, coordinator));

        Assert.True(doomedRunner.Hanging.Wait(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken), "the doomed worker never got a second run");
        Sys.Stop(doomed);
        var result = await ended.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.True(result.Status.Finished);
        Assert.Equal(engine.Plan.Runs, result.Runs.Count);
        var retried = result.Runs.Where(r => r.Attempt > 1).ToList();
        Assert.NotEmpty(retried);
        Assert.All(retried, r => Assert.Equal("healthy", r.WorkerId));
        Assert.All(result.Runs, r => Assert.True(r.Outcome.Succeeded, r.Outcome.FailureReason));
        Assert.Equal(SequentialBest().TrialId, result.Status.Best!.TrialId);
        GC.KeepAlive(healthy);
    }

    [Fact]
    public void The_status_shows_each_running_trial_with_its_worker_and_last_epoch()
    {
        var coordinator = Coordinator(FastSweeps, new TaskCompletionSource<StudyEnded>());
        coordinator.Tell(new RegisterWorker("w", ProtocolVersion.Current, 2), TestActor);
        ExpectMsg<WorkerAccepted>();
        coordinator.Tell(new RequestTrial("w", 2), TestActor);
        var first = ExpectMsg<TrialAssignment>();
        var second = ExpectMsg<TrialAssignment>();

        coordinator.Tell(new TrialProgress(first.TrialId, first.Attempt, "w", new Shared.Trials.EpochMetrics(1, 0.5, 0.8, 0.4, 0.85, TimeSpan.FromSeconds(1))), TestActor);
        coordinator.Tell(RequestStudyStatus.Instance, TestActor);
        var snapshot = ExpectMsg<Shared.Status.StudySnapshot>();

        Assert.Equal(1, snapshot.Workers);
        Assert.Equal(NewEngine().Plan.Epochs, snapshot.EpochsPlanned);
        Assert.Equal([first.TrialId, second.TrialId], snapshot.Running.Select(r => r.TrialId).Order());
        var reported = snapshot.Running.Single(r => r.TrialId == first.TrialId);
        Assert.Equal(("w", 1, 0.85), (reported.WorkerId, reported.EpochReached, reported.ValidationAccuracy));
        Assert.Null(snapshot.Running.Single(r => r.TrialId == second.TrialId).EpochReached);
        Assert.Equal(2, snapshot.Rungs.Where(r => r.Rung == 0).Sum(r => r.Running));
    }

    [Fact]
    public void A_result_whose_checkpoint_is_fetched_is_answered_after_the_fetch_by_the_next_assignment_carrying_its_acknowledgement()
    {
        var coordinator = Coordinator(FastSweeps, new TaskCompletionSource<StudyEnded>());
        coordinator.Tell(new RegisterWorker("w", ProtocolVersion.Current, 1), TestActor);
        ExpectMsg<WorkerAccepted>();
        coordinator.Tell(new RequestTrial("w", 1), TestActor);
        var first = ExpectMsg<TrialAssignment>();
        Assert.Null(first.Acknowledges);
        var shelf = new Shared.Checkpoints.CheckpointShelf();
        var manifest = shelf.Put("c", [1, 2, 3]);
        var epoch = new Shared.Trials.EpochMetrics(first.ToEpoch, 0.5, 0.8, 0.4, 0.85, TimeSpan.FromSeconds(1));

        coordinator.Tell(new TrialFinished(first.TrialId, first.Attempt, "w", new Shared.Trials.TrialOutcome([epoch], null, TimeSpan.FromSeconds(1)), manifest), TestActor);
        var chunk = ExpectMsg<RequestCheckpointChunk>();
        var download = LastSender;
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        download.Tell(shelf.Chunk(chunk.CheckpointId, chunk.Index), TestActor);

        var next = ExpectMsg<TrialAssignment>(TimeSpan.FromSeconds(10));
        Assert.Equal(new TrialFinishedAcknowledged(first.TrialId, first.Attempt), next.Acknowledges);
        Assert.NotEqual((first.TrialId, first.Attempt), (next.TrialId, next.Attempt));
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Each_result_is_acknowledged_once_inside_the_next_assignment_or_alone_when_the_worker_must_wait_and_a_waiting_worker_is_woken()
    {
        // Plays a two-slot worker by hand: each result goes back as soon as its run arrives, a slot is free again only
        // when its result is acknowledged alone, and free slots are asked for only when the coordinator says work exists.
        var ended = new TaskCompletionSource<StudyEnded>();
        var coordinator = Coordinator(FastSweeps, ended);
        coordinator.Tell(new RegisterWorker("w", ProtocolVersion.Current, 2), TestActor);
        ExpectMsg<WorkerAccepted>();
        coordinator.Tell(new RequestTrial("w", 2), TestActor);
        var unacknowledged = new HashSet<TrialFinishedAcknowledged>();
        var (runs, carried, alone, woken, idle) = (0, 0, 0, 0, 2);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);

        // The last acknowledgement is sent before the study ends, but may arrive after the test sees it end.
        while (!(ended.Task.IsCompleted && unacknowledged.Count == 0) && DateTime.UtcNow < deadline)
        {
            switch (ReceiveOne(TimeSpan.FromMilliseconds(500)))
            {
                case TrialAssignment assignment:
                    if (assignment.Acknowledges is { } carrying)
                    {
                        Assert.True(unacknowledged.Remove(carrying), $"{carrying} acknowledged twice or never sent");
                        carried++;
                    }
                    else
                    {
                        Assert.True(idle-- > 0, "an assignment came for a slot that was not free");
                    }
                    runs++;
                    unacknowledged.Add(new TrialFinishedAcknowledged(assignment.TrialId, assignment.Attempt));
                    coordinator.Tell(ScoredResult(assignment), TestActor);
                    break;
                case TrialFinishedAcknowledged acknowledged:
                    Assert.True(unacknowledged.Remove(acknowledged), $"{acknowledged} acknowledged twice or never sent");
                    alone++;
                    idle++;
                    break;
                case WorkAvailable:
                    woken++;
                    coordinator.Tell(new RequestTrial("w", idle), TestActor);
                    break;
                case null or StudyFinished:
                    break;
                case var other:
                    Assert.Fail($"unexpected {other}");
                    break;
            }
        }

        Assert.True(ended.Task.IsCompletedSuccessfully, "the study did not end");
        Assert.Equal(NewEngine().Plan.Runs, runs);
        Assert.Equal((await ended.Task).Runs.Count, runs);
        Assert.Empty(unacknowledged);
        Assert.Equal(runs, carried + alone);
        Assert.True(carried > alone, $"{carried} acknowledgements came inside assignments, {alone} alone");
        Assert.True(alone >= 2 && woken >= 1, $"{alone} acknowledgements alone, {woken} wake-ups: the schedule has rungs to wait for");
    }

    [Fact]
    public void A_worker_speaking_another_protocol_version_is_refused()
    {
        var coordinator = Coordinator(FastSweeps, new TaskCompletionSource<StudyEnded>());

        coordinator.Tell(new RegisterWorker("old", ProtocolVersion.Current - 1, 1), TestActor);
        coordinator.Tell(new RegisterWorker("new", ProtocolVersion.Current + 1, 1), TestActor);

        var refused = ExpectMsg<WorkerRefused>();
        Assert.Contains("protocol 2", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("protocol 4", ExpectMsg<WorkerRefused>().Reason, StringComparison.Ordinal);
        coordinator.Tell(new RequestTrial("old", 1), TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void A_stalled_attempt_is_cancelled_given_out_again_and_its_late_result_is_acknowledged_but_not_counted()
    {
        var settings = FastSweeps;
        settings.ProgressTimeout = TimeSpan.FromMilliseconds(300);
        var coordinator = Coordinator(settings, new TaskCompletionSource<StudyEnded>());
        coordinator.Tell(new RegisterWorker("w", ProtocolVersion.Current, 1), TestActor);
        ExpectMsg<WorkerAccepted>();

        coordinator.Tell(new RequestTrial("w", 1), TestActor);
        var first = ExpectMsg<TrialAssignment>();
        var cancel = ExpectMsg<CancelTrial>(TimeSpan.FromSeconds(5));
        Assert.Equal((first.TrialId, first.Attempt), (cancel.TrialId, cancel.Attempt));

        coordinator.Tell(new RequestTrial("w", 1), TestActor);
        var again = FishForMessage<TrialAssignment>(a => a.TrialId == first.TrialId, TimeSpan.FromSeconds(5));
        Assert.Equal(first.Attempt + 1, again.Attempt);

        var late = new TrialFinished(first.TrialId, first.Attempt, "w", new Shared.Trials.TrialOutcome([], "late", TimeSpan.Zero), null);
        coordinator.Tell(late, TestActor);
        var acknowledged = FishForMessage<TrialFinishedAcknowledged>(_ => true, TimeSpan.FromSeconds(5));
        Assert.Equal((first.TrialId, first.Attempt), (acknowledged.TrialId, acknowledged.Attempt));
        coordinator.Tell(RequestStudyStatus.Instance, TestActor);
        var snapshot = FishForMessage<Shared.Status.StudySnapshot>(_ => true, TimeSpan.FromSeconds(5));
        Assert.Equal(again.Attempt, snapshot.Running.Single(r => r.TrialId == first.TrialId).Attempt);
    }

    [Fact]
    public void A_small_checkpoint_inside_a_result_is_counted_without_fetching_and_a_damaged_one_loses_the_attempt()
    {
        var coordinator = Coordinator(FastSweeps, new TaskCompletionSource<StudyEnded>());
        coordinator.Tell(new RegisterWorker("w", ProtocolVersion.Current, 2), TestActor);
        ExpectMsg<WorkerAccepted>();
        coordinator.Tell(new RequestTrial("w", 2), TestActor);
        var good = ExpectMsg<TrialAssignment>();
        var bad = ExpectMsg<TrialAssignment>();
        byte[] checkpoint = [1, 2, 3];
        TrialFinished Result(TrialAssignment a, byte[] sent) => new(a.TrialId, a.Attempt, "w",
            new Shared.Trials.TrialOutcome([new Shared.Trials.EpochMetrics(a.ToEpoch, 0.5, 0.8, 0.4, 0.85, TimeSpan.FromSeconds(1))], null, TimeSpan.FromSeconds(1)),
            Shared.Checkpoints.CheckpointShelf.Describe($"c{a.TrialId}", checkpoint), sent);

        coordinator.Tell(Result(good, checkpoint), TestActor);
        var next = ExpectMsg<TrialAssignment>();
        Assert.Equal(new TrialFinishedAcknowledged(good.TrialId, good.Attempt), next.Acknowledges);
        coordinator.Tell(Result(bad, [1, 2, 4]), TestActor);
        // Lost at once, acknowledged (a re-send would change nothing), and its slot given the next run: the lost one again.
        var again = ExpectMsg<TrialAssignment>();
        Assert.Equal(new TrialFinishedAcknowledged(bad.TrialId, bad.Attempt), again.Acknowledges);
        Assert.Equal((bad.TrialId, bad.Attempt + 1), (again.TrialId, again.Attempt));
        coordinator.Tell(Result(bad, [1, 2, 4]), TestActor);
        Assert.Equal(new TrialFinishedAcknowledged(bad.TrialId, bad.Attempt), ExpectMsg<TrialFinishedAcknowledged>());
    }

    private static TrialFinished ScoredResult(TrialAssignment assignment)
    {
        var score = ScoringRunner.Score(assignment.Hyperparameters, assignment.ToEpoch);
        var epoch = new Shared.Trials.EpochMetrics(assignment.ToEpoch, 1 - score, score, 1 - score, score, TimeSpan.FromSeconds(1));
        var checkpoint = ScoringRunner.CheckpointOf(assignment.TrialId, assignment.ToEpoch);
        return new TrialFinished(assignment.TrialId, assignment.Attempt, "w", new Shared.Trials.TrialOutcome([epoch], null, TimeSpan.FromSeconds(1)),
            Shared.Checkpoints.CheckpointShelf.Describe($"c{assignment.TrialId}", checkpoint), checkpoint);
    }
}
