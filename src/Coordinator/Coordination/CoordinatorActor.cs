using System.Diagnostics;
using Akka.Actor;
using Serilog;
using Tuner.Coordinator.Scheduling;
using Tuner.Shared;
using Tuner.Shared.Checkpoints;
using Tuner.Shared.Protocol;
using Tuner.Shared.Status;
using EpochMetrics = Tuner.Shared.Trials.EpochMetrics;

namespace Tuner.Coordinator.Coordination;

/// <summary>
/// The coordinator: a thin shell around the Hyperband engine. It registers workers, answers their requests with the
/// engine's decisions, fetches and keeps the checkpoints that live trials need, turns deaths, silences and stalls into
/// lost trials, and counts each attempt's result exactly once. It never trains and never blocks.
/// </summary>
public sealed class CoordinatorActor : ReceiveActor, IWithTimers
{
    private readonly HyperbandEngine _engine;
    private readonly StudyRunSettings _settings;
    private readonly TaskCompletionSource<StudyEnded> _ended;
    private readonly ILogger _log;
    private readonly WorkerRoster _roster = new();
    private readonly CheckpointShelf _checkpoints = new();
    private readonly Dictionary<string, CheckpointReference> _held = new(StringComparer.Ordinal);
    private readonly Dictionary<TrialAttempt, TrialAssignment> _assignments = [];
    private readonly Dictionary<TrialAttempt, EpochMetrics> _lastEpochs = [];
    private readonly HashSet<TrialAttempt> _fetching = [];
    private readonly HashSet<string> _waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkerUsage> _usage = new(StringComparer.Ordinal);
    private readonly List<RunRecord> _runs = [];
    private readonly ResultTurnaround? _turnaround;
    private readonly long _seed;
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private double _bestSoFar = double.NegativeInfinity;

    public CoordinatorActor(HyperbandEngine engine, long seed, StudyRunSettings settings, TaskCompletionSource<StudyEnded> ended, ResultTurnaround? turnaround)
    {
        _engine = engine;
        _turnaround = turnaround;
        _seed = seed;
        _settings = settings;
        _ended = ended;
        _log = Log.ForContext("Study", engine.Study.Name).ForContext<CoordinatorActor>();

        Receive<RegisterWorker>(OnRegister);
        Receive<RequestTrial>(OnRequestTrial);
        Receive<TrialProgress>(OnProgress);
        Receive<TrialFinished>(OnFinished);
        Receive<CheckpointDownloaded>(OnCheckpointDownloaded);
        Receive<CheckpointDownloadFailed>(OnCheckpointDownloadFailed);
        Receive<RequestCheckpointChunk>(request => Sender.Tell(_checkpoints.Chunk(request.CheckpointId, request.Index)));
        Receive<Terminated>(terminated => OnWorkerGone(terminated.ActorRef, "its process stopped or its node left the cluster"));
        Receive<Sweep>(_ => OnSweep());
        Receive<RequestStudyStatus>(_ => Sender.Tell(Snapshot()));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary><paramref name="turnaround"/>, when given, measures how fast results turn into work (`tuner bench coordinator`).</summary>
    public static Props Props(HyperbandEngine engine, long seed, StudyRunSettings settings, TaskCompletionSource<StudyEnded> ended, ResultTurnaround? turnaround = null) =>
        Akka.Actor.Props.Create(() => new CoordinatorActor(engine, seed, settings, ended, turnaround));

    protected override void PreStart()
    {
        _log.Information("Study {Study} starts: {Schedule} schedule, max_epochs {MaxEpochs}, factor {Factor}; waiting for workers",
            _engine.Study.Name, _engine.Plan.Options.Kind.ToString().ToLowerInvariant(), _engine.Plan.Options.MaxEpochs, _engine.Plan.Options.Factor);
        Timers.StartPeriodicTimer("sweep", Sweep.Instance, _settings.SweepInterval);
        FinishIfDone();
    }

    private void OnRegister(RegisterWorker register)
    {
        if (register.ProtocolVersion != ProtocolVersion.Current)
        {
            var reason = $"worker {register.WorkerId} speaks protocol {register.ProtocolVersion}, this coordinator {ProtocolVersion.Current}: run the same version of the tuner on every node";
            _log.Error("Refused a worker: {Reason}", reason);
            Sender.Tell(new WorkerRefused(reason));
            return;
        }
        var known = _roster.IsKnown(register.WorkerId);
        var lost = _roster.Register(register.WorkerId, Sender, register.Slots, DateTimeOffset.UtcNow);
        if (!known || lost.Count > 0)
        {
            Context.Watch(Sender);
            _log.ForContext("Worker", register.WorkerId).Information("Worker {Worker} joined with {Slots} slots", register.WorkerId, register.Slots);
        }
        LoseAll(lost, "its worker restarted");
        Sender.Tell(new WorkerAccepted(_engine.Study.Name));
    }

    private void OnRequestTrial(RequestTrial request)
    {
        if (!_roster.IsKnown(request.WorkerId))
        {
            return;
        }
        _roster.Seen(request.WorkerId, DateTimeOffset.UtcNow);
        var wanted = Math.Min(request.FreeSlots, _roster.FreeSlots(request.WorkerId));
        if (wanted < request.FreeSlots)
        {
            // A slot the worker has freed is still busy here while its result's checkpoint is being fetched: tell the
            // worker once the result is counted, rather than leave it idle until its next heartbeat.
            _waiting.Add(request.WorkerId);
        }
        for (var i = 0; i < wanted; i++)
        {
            switch (_engine.Handle(new TuningEvent.WorkerReady()))
            {
                case Decision.Run run:
                    Assign(request.WorkerId, run);
                    break;
                case Decision.Finished:
                    FinishIfDone();
                    return;
                default:
                    _waiting.Add(request.WorkerId);
                    _turnaround?.Waited(request.WorkerId);
                    return;
            }
        }
    }

    private void Assign(string workerId, Decision.Run run)
    {
        CheckpointManifest? checkpoint = null;
        if (run.ResumeFrom is { } resume)
        {
            var id = CheckpointId(resume);
            if (!_checkpoints.TryGet(id, out var bytes))
            {
                // Cannot happen while retention keeps what live trials need; fail loudly rather than retrain silently.
                throw new InvalidOperationException($"checkpoint {id} of trial {run.TrialId} is not held; cannot resume it");
            }
            checkpoint = CheckpointShelf.Describe(id, bytes);
        }
        var assignment = new TrialAssignment(run.TrialId, run.Attempt, run.Bracket, run.Rung, run.Hyperparameters, run.FromEpoch, run.ToEpoch, TrialSeed(run.TrialId), checkpoint);
        var attempt = new TrialAttempt(run.TrialId, run.Attempt);
        _assignments[attempt] = assignment;
        _roster.Assign(workerId, attempt, DateTimeOffset.UtcNow);
        TrialLog(assignment, workerId).Information(
            "Trial {Trial} (bracket {Bracket}, rung {Rung}) epochs {From}..{To} to {Worker}{Resume}",
            run.TrialId, run.Bracket, run.Rung, run.FromEpoch + 1, run.ToEpoch, workerId, run.ResumeFrom is null ? "" : $", resuming from epoch {run.FromEpoch}");
        _roster.WorkerRef(workerId).Tell(assignment);
        _turnaround?.Assigned(workerId, Stopwatch.GetTimestamp());
    }

    private void OnProgress(TrialProgress progress)
    {
        var attempt = new TrialAttempt(progress.TrialId, progress.Attempt);
        if (!_roster.IsRunning(attempt))
        {
            return;
        }
        _roster.Progressed(attempt, DateTimeOffset.UtcNow);
        var metrics = progress.Metrics;
        _lastEpochs[attempt] = metrics;
        TrialLog(_assignments[attempt], progress.WorkerId).ForContext("Epoch", metrics.Epoch).Information(
            "Trial {Trial} epoch {Epoch}/{To}: loss {Loss:F4} accuracy {Accuracy:F4} val_loss {ValLoss:F4} val_accuracy {ValAccuracy:F4}",
            progress.TrialId, metrics.Epoch, _assignments[attempt].ToEpoch, metrics.TrainLoss, metrics.TrainAccuracy, metrics.ValidationLoss, metrics.ValidationAccuracy);
    }

    private void OnFinished(TrialFinished finished)
    {
        var attempt = new TrialAttempt(finished.TrialId, finished.Attempt);
        if (_fetching.Contains(attempt))
        {
            return;
        }
        if (!_roster.IsRunning(attempt))
        {
            // A repeat of a counted result, or a late one from an attempt already given to someone else.
            Sender.Tell(new TrialFinishedAcknowledged(finished.TrialId, finished.Attempt));
            return;
        }
        _roster.Seen(finished.WorkerId, DateTimeOffset.UtcNow);
        _turnaround?.ResultArrived(finished.WorkerId, Stopwatch.GetTimestamp());
        if (!finished.Outcome.Succeeded || finished.Checkpoint is null)
        {
            Record(attempt, finished, checkpoint: null);
            Sender.Tell(new TrialFinishedAcknowledged(finished.TrialId, finished.Attempt));
            return;
        }
        _fetching.Add(attempt);
        Context.ActorOf(CheckpointDownload.Props(finished.Checkpoint, Sender, (finished, Sender), TimeSpan.FromSeconds(10)));
    }

    private void OnCheckpointDownloaded(CheckpointDownloaded downloaded)
    {
        var (finished, worker) = ((TrialFinished, IActorRef))downloaded.Tag;
        var attempt = new TrialAttempt(finished.TrialId, finished.Attempt);
        _fetching.Remove(attempt);
        if (!_roster.IsRunning(attempt))
        {
            worker.Tell(new TrialFinishedAcknowledged(finished.TrialId, finished.Attempt));
            return;
        }
        Record(attempt, finished, downloaded.Bytes);
        worker.Tell(new TrialFinishedAcknowledged(finished.TrialId, finished.Attempt));
    }

    private void OnCheckpointDownloadFailed(CheckpointDownloadFailed failed)
    {
        var (finished, _) = ((TrialFinished, IActorRef))failed.Tag;
        var attempt = new TrialAttempt(finished.TrialId, finished.Attempt);
        _fetching.Remove(attempt);
        if (_roster.IsRunning(attempt))
        {
            Lose(attempt, $"its checkpoint could not be fetched: {failed.Reason}");
        }
    }

    private void Record(TrialAttempt attempt, TrialFinished finished, byte[]? checkpoint)
    {
        var assignment = _assignments[attempt];
        _roster.Release(attempt);
        _assignments.Remove(attempt);
        _lastEpochs.Remove(attempt);
        _runs.Add(new RunRecord(finished.TrialId, finished.Attempt, assignment.Bracket, assignment.Rung, assignment.FromEpoch, assignment.ToEpoch, finished.WorkerId, finished.Outcome));
        var usage = _usage.GetValueOrDefault(finished.WorkerId, new WorkerUsage(0, 0));
        _usage[finished.WorkerId] = new WorkerUsage(usage.Runs + 1, usage.BusySeconds + finished.Outcome.Duration.TotalSeconds);
        var log = TrialLog(assignment, finished.WorkerId);

        TuningEvent tuningEvent;
        var outcome = finished.Outcome;
        if (!outcome.Succeeded || outcome.Epochs.IsEmpty || checkpoint is null)
        {
            var reason = outcome.FailureReason ?? (outcome.Epochs.IsEmpty ? "no epoch was reported" : "no checkpoint was returned");
            log.Warning("Trial {Trial} failed: {Reason}", finished.TrialId, reason);
            tuningEvent = new TuningEvent.TrialFailed(finished.TrialId, finished.Attempt, reason);
        }
        else
        {
            var reference = new CheckpointReference(finished.TrialId, assignment.ToEpoch);
            _checkpoints.Put(CheckpointId(reference), checkpoint);
            _held[CheckpointId(reference)] = reference;
            var score = outcome.Epochs[^1].ValidationAccuracy;
            log.Information("Trial {Trial} reached epoch {To} with val_accuracy {ValAccuracy:F4} in {Seconds:F1} s",
                finished.TrialId, assignment.ToEpoch, score, outcome.Duration.TotalSeconds);
            tuningEvent = new TuningEvent.TrialCompleted(finished.TrialId, finished.Attempt, score);
        }
        _engine.Handle(tuningEvent);
        AfterChange();
    }

    private void OnWorkerGone(IActorRef worker, string why)
    {
        if (_roster.WorkerIdOf(worker) is not { } workerId)
        {
            return;
        }
        _log.ForContext("Worker", workerId).Warning("Worker {Worker} is gone: {Why}", workerId, why);
        _waiting.Remove(workerId);
        LoseAll(_roster.Remove(workerId), $"worker {workerId} is gone");
    }

    private void OnSweep()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var attempt in _roster.Stalled(now, _settings.ProgressTimeout))
        {
            if (_roster.RunningOn(attempt) is { } workerId)
            {
                _roster.WorkerRef(workerId).Tell(new CancelTrial(attempt.TrialId, attempt.Attempt));
            }
            Lose(attempt, $"no progress for {_settings.ProgressTimeout.TotalSeconds:F0} s");
        }
        foreach (var workerId in _roster.Silent(now, _settings.WorkerSilence))
        {
            OnWorkerGone(_roster.WorkerRef(workerId), $"not heard from for {_settings.WorkerSilence.TotalSeconds:F0} s");
        }
    }

    private void LoseAll(IEnumerable<TrialAttempt> attempts, string why)
    {
        foreach (var attempt in attempts)
        {
            Lose(attempt, why);
        }
    }

    private void Lose(TrialAttempt attempt, string why)
    {
        _roster.Release(attempt);
        _fetching.Remove(attempt);
        _lastEpochs.Remove(attempt);
        if (_assignments.Remove(attempt, out var assignment))
        {
            TrialLog(assignment, null).Warning("Trial {Trial} attempt {Attempt} lost ({Why}); it will be given out again from its last checkpoint", attempt.TrialId, attempt.Attempt, why);
        }
        _engine.Handle(new TuningEvent.TrialLost(attempt.TrialId, attempt.Attempt));
        AfterChange();
    }

    private void AfterChange()
    {
        if (_engine.Best() is { } best && best.ValAccuracy > _bestSoFar)
        {
            _bestSoFar = best.ValAccuracy;
            _log.ForContext("Trial", best.TrialId).Information(
                "Best val_accuracy so far: {ValAccuracy:F4} (trial {Trial}, {Epochs} epochs): {Hyperparameters}",
                best.ValAccuracy, best.TrialId, best.Epochs, best.Hyperparameters.ToString());
        }
        DropCheckpointsNoLongerNeeded();
        foreach (var workerId in _waiting)
        {
            if (_roster.IsKnown(workerId))
            {
                _roster.WorkerRef(workerId).Tell(WorkAvailable.Instance);
            }
        }
        _waiting.Clear();
        FinishIfDone();
    }

    // The engine knows which checkpoints live trials and the final evaluation still need; asking only about those
    // held keeps this cheap however large the study grows.
    private void DropCheckpointsNoLongerNeeded()
    {
        foreach (var id in _held.Where(pair => !_engine.NeedsCheckpoint(pair.Value)).Select(pair => pair.Key).ToList())
        {
            _checkpoints.Remove(id);
            _held.Remove(id);
        }
    }

    private void FinishIfDone()
    {
        if (!_engine.IsFinished || _roster.RunningCount > 0 || _fetching.Count > 0)
        {
            return;
        }
        Timers.CancelAll();
        var elapsed = DateTimeOffset.UtcNow - _started;
        var status = _engine.Status();
        _log.Information("Study {Study} finished in {Elapsed}: {Runs} runs, {Epochs} epochs", _engine.Study.Name, elapsed, status.RunsCompleted, status.EpochsTrained);
        foreach (var workerId in _roster.WorkerIds)
        {
            _roster.WorkerRef(workerId).Tell(new StudyFinished(_engine.Study.Name));
        }
        byte[]? bestCheckpoint = null;
        if (status.Best is { } best)
        {
            _checkpoints.TryGet(CheckpointId(new CheckpointReference(best.TrialId, best.Epochs)), out bestCheckpoint);
        }
        _ended.TrySetResult(new StudyEnded(status, elapsed, new Dictionary<string, WorkerUsage>(_usage), _runs.ToList(), bestCheckpoint));
        Become(Finished);
    }

    private StudySnapshot Snapshot() => StudySnapshots.From(
        _engine.Study.Name,
        _engine.Status(),
        _engine.Plan.Epochs,
        DateTimeOffset.UtcNow - _started,
        _roster.WorkerIds.Count,
        _assignments.Select(pair => (pair.Value, _roster.RunningOn(pair.Key) ?? "?", _lastEpochs.GetValueOrDefault(pair.Key))));

    private void Finished()
    {
        Receive<RequestStudyStatus>(_ => Sender.Tell(Snapshot()));
        Receive<RegisterWorker>(_ => Sender.Tell(new StudyFinished(_engine.Study.Name)));
        Receive<TrialFinished>(finished => Sender.Tell(new TrialFinishedAcknowledged(finished.TrialId, finished.Attempt)));
        Receive<RequestCheckpointChunk>(request => Sender.Tell(_checkpoints.Chunk(request.CheckpointId, request.Index)));
        ReceiveAny(_ => { });
    }

    private ILogger TrialLog(TrialAssignment assignment, string? workerId) =>
        _log.ForContext("Trial", assignment.TrialId).ForContext("Bracket", assignment.Bracket).ForContext("Rung", assignment.Rung).ForContext("Worker", workerId);

    private long TrialSeed(int trialId) => unchecked(_seed * 1_000_003 + trialId);

    private static string CheckpointId(CheckpointReference reference) => $"trial-{reference.TrialId}-epoch-{reference.Epoch}";

    private sealed record Sweep
    {
        public static Sweep Instance { get; } = new();
    }
}
