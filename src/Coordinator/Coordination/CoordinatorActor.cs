using System.Diagnostics;
using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Persistence;
using Serilog;
using Serilog.Events;
using Tuner.Coordinator.Persistence;
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
/// lost trials, and counts each attempt's result exactly once. It never trains; it blocks only to write a large result's
/// checkpoint file. Every change to the study is journaled (<see cref="StudyLedger"/>) before anyone hears of it, so a
/// coordinator killed at any moment resumes where it stopped: results it acknowledged are never lost, runs that were
/// out are given out again.
/// </summary>
public sealed class CoordinatorActor : ReceivePersistentActor, IWithTimers
{
    private readonly StudyDefinition _intended;
    private readonly StudyRunSettings _settings;
    private readonly StudyStorage _storage;
    private readonly TaskCompletionSource<StudyEnded> _ended;
    private readonly CheckpointFiles _files;
    private readonly WorkerRoster _roster = new();
    private readonly CheckpointShelf _checkpoints = new();
    private readonly Dictionary<TrialAttempt, TrialAssignment> _assignments = [];
    private readonly Dictionary<TrialAttempt, EpochMetrics> _lastEpochs = [];
    // Results received but not yet counted: their checkpoint is being fetched, or their journal entry written.
    private readonly HashSet<TrialAttempt> _unrecorded = [];
    private readonly HashSet<string> _waiting = new(StringComparer.Ordinal);
    private readonly ResultTurnaround? _turnaround;
    private ILogger _log;
    private StudyLedger? _ledger;
    private bool _resumedFinished;
    private bool _finishing;
    private long _eventsSinceSnapshot;
    private double _bestSoFar = double.NegativeInfinity;

    public CoordinatorActor(StudyDefinition intended, StudyRunSettings settings, StudyStorage storage, TaskCompletionSource<StudyEnded> ended, ResultTurnaround? turnaround)
    {
        _intended = intended;
        _turnaround = turnaround;
        _settings = settings;
        _storage = storage;
        _ended = ended;
        _files = new CheckpointFiles(storage.CheckpointDirectory);
        _log = Serilog.Log.ForContext("Study", intended.Name).ForContext<CoordinatorActor>();

        Recover<StudyStarted>(started => _ledger = StudyLedger.Start(started));
        Recover<SnapshotOffer>(offer =>
        {
            _ledger = StudyLedger.FromSnapshot((LedgerSnapshot)offer.Snapshot);
            _eventsSinceSnapshot = -offer.Metadata.SequenceNr;
        });
        Recover<IStudyJournalEntry>(entry => Ledger.Apply(entry));
        Recover<RecoveryCompleted>(_ => OnRecovered());
        Running();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public override string PersistenceId => _storage.PersistenceId;

    private StudyLedger Ledger => _ledger ?? throw new InvalidOperationException("the study has not started");

    private HyperbandEngine Engine => Ledger.Engine;

    /// <summary><paramref name="turnaround"/>, when given, measures how fast results turn into work (`tuner bench coordinator`).</summary>
    public static Props Props(StudyDefinition intended, StudyRunSettings settings, StudyStorage storage, TaskCompletionSource<StudyEnded> ended, ResultTurnaround? turnaround = null) =>
        Akka.Actor.Props.Create(() => new CoordinatorActor(intended, settings, storage, ended, turnaround));

    private void Running()
    {
        Command<RegisterWorker>(OnRegister);
        Command<RequestTrial>(OnRequestTrial);
        Command<TrialProgress>(OnProgress);
        Command<TrialFinished>(OnFinished);
        Command<CheckpointDownloaded>(OnCheckpointDownloaded);
        Command<CheckpointDownloadFailed>(OnCheckpointDownloadFailed);
        Command<RequestCheckpointChunk>(request => Sender.Tell(_checkpoints.Chunk(request.CheckpointId, request.Index)));
        Command<Terminated>(terminated => OnWorkerGone(terminated.ActorRef, "its process stopped or its node left the cluster"));
        Command<Sweep>(_ => OnSweep());
        Command<RequestStudyStatus>(_ => Sender.Tell(Snapshot()));
        Command<SaveSnapshotSuccess>(saved => DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(failed => _log.Warning(failed.Cause, "Could not save a snapshot of the study; recovery replays more events"));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failed => _log.Debug(failed.Cause, "Could not delete old snapshots of the study; they only take space"));
    }

    private void OnRecovered()
    {
        if (_ledger is not null && _storage.Existing == ExistingStudy.Overwrite)
        {
            _log.Warning("Deleting the journal of study {Study} to start afresh (--overwrite)", _ledger.Started.Definition.Name);
            _ledger = null;
            DeleteMessages(LastSequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(long.MaxValue));
            Become(Erasing);
            return;
        }
        if (_ledger is { } ledger && ledger.Started.Definition.Differences(_intended) is { Count: > 0 } differences)
        {
            if (_storage.Existing != ExistingStudy.Resume)
            {
                Refuse(differences);
                return;
            }
            _log.Warning("Resuming the recorded study although it differs in {Differences} (--resume): the recorded one continues", string.Join("; ", differences));
        }
        if (_ledger is null)
        {
            Persist(new StudyStarted(_intended, DateTimeOffset.UtcNow), started =>
            {
                _ledger = StudyLedger.Start(started);
                Begin();
            });
            return;
        }
        _log = Serilog.Log.ForContext("Study", Ledger.Started.Definition.Name).ForContext<CoordinatorActor>();
        _resumedFinished = Ledger.CompletedAt is not null;
        // A warning, so that it shows above the live view too: the last coordinator stopped before the study ended.
        _log.Write(_resumedFinished ? LogEventLevel.Information : LogEventLevel.Warning,
            "Resuming study {Study}: {Runs} runs done", Ledger.Started.Definition.Name, Ledger.Runs.Count);
        PersistAll(Ledger.RunsOut(), interrupted => Ledger.Apply(interrupted));
        DeferAsync(0, _ => Begin());
    }

    // Waits for the old journal to go before starting afresh; nothing else can happen meanwhile.
    private void Erasing()
    {
        var pending = 2;
        void Erased()
        {
            if (--pending == 0)
            {
                Become(Running);
                Stash.UnstashAll();
                OnRecovered();
            }
        }
        Command<DeleteMessagesSuccess>(_ => Erased());
        Command<DeleteSnapshotsSuccess>(_ => Erased());
        Command<DeleteMessagesFailure>(failed => Fail(new InvalidOperationException($"could not delete the old journal: {failed.Cause.Message}", failed.Cause)));
        Command<DeleteSnapshotsFailure>(failed => Fail(new InvalidOperationException($"could not delete the old snapshots: {failed.Cause.Message}", failed.Cause)));
        CommandAny(_ => Stash.Stash());
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        _ended.TrySetException(new StudyJournalException(
            $"the study's journal ({_storage.PersistenceId}) could not be read: {Cause(reason)}. It is damaged, or was written by a newer " +
            "version of tuner. Restore the study directory from a backup, or give --overwrite to delete its journal and checkpoints and start afresh, or --output for another directory.",
            reason));
        base.OnRecoveryFailure(reason, message);
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _ended.TrySetException(new StudyJournalException(
            $"the study's journal ({_storage.PersistenceId}) could not be written: {Cause(cause)}. What was journaled before is kept: " +
            "once the cause is fixed (a full disk, an unreachable database), run the same command again to resume.",
            cause));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    // The journal's serializer names the entry it could not read; below it the parser's detail, above it the plugin's wrapping.
    private static string Cause(Exception e)
    {
        var chain = new List<Exception>();
        for (var link = e; link is not null; link = link.InnerException)
        {
            chain.Add(link);
        }
        return (chain.OfType<SerializationException>().FirstOrDefault() ?? chain[^1]).Message.TrimEnd('.');
    }

    private void Refuse(IReadOnlyList<string> differences)
    {
        var recorded = Ledger.Started.Definition;
        Fail(new StudyMismatchException(
            $"the journal of this study directory holds study '{recorded.Name}' ({Ledger.Runs.Count} runs done), which differs from the one given in {string.Join("; ", differences)}. " +
            "Give --resume to continue the recorded study as it was defined, --overwrite to delete its journal and checkpoints and start afresh, or --output for another directory."));
    }

    private void Fail(Exception reason)
    {
        _ended.TrySetException(reason);
        Context.Stop(Self);
    }

    // The study as the journal left it: checkpoints back from their files, anything else on disk deleted.
    private void Begin()
    {
        foreach (var (id, manifest) in Ledger.Checkpoints)
        {
            var bytes = Ledger.CheckpointBytes.GetValueOrDefault(id) ?? _files.Load(id);
            if (bytes is null || !CheckpointShelf.Matches(manifest, bytes))
            {
                var where = Ledger.CheckpointBytes.ContainsKey(id) ? "the journal" : _files.Directory;
                Fail(new InvalidDataException(
                    $"checkpoint {id} in {where} is {(bytes is null ? "missing" : "damaged")}; the study cannot resume that trial. Start afresh with --overwrite"));
                return;
            }
            _checkpoints.Put(id, bytes);
        }
        foreach (var stray in _files.Ids().Where(id => !Ledger.Checkpoints.ContainsKey(id)))
        {
            _files.Delete(stray);
        }
        // Released while replaying: never held here, and their files went with the strays above.
        Ledger.TakeReleased();
        _eventsSinceSnapshot += LastSequenceNr;
        _log.Information("Study {Study} starts: {Schedule} schedule, max_epochs {MaxEpochs}, factor {Factor}; waiting for workers",
            Ledger.Started.Definition.Name, Engine.Plan.Options.Kind.ToString().ToLowerInvariant(), Engine.Plan.Options.MaxEpochs, Engine.Plan.Options.Factor);
        Timers.StartPeriodicTimer("sweep", Sweep.Instance, _settings.SweepInterval);
        AfterChange();
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
        Sender.Tell(new WorkerAccepted(Engine.Study.Name));
    }

    private void OnRequestTrial(RequestTrial request)
    {
        if (!_roster.IsKnown(request.WorkerId))
        {
            return;
        }
        _roster.Seen(request.WorkerId, DateTimeOffset.UtcNow);
        var wanted = Math.Min(request.FreeSlots, _roster.FreeSlots(request.WorkerId));
        for (var i = 0; i < wanted; i++)
        {
            if (!GiveRun(request.WorkerId, acknowledges: null))
            {
                return;
            }
        }
    }

    /// <summary>
    /// A result is also its worker's request for the slot it freed: the next run's assignment carries the
    /// acknowledgement. Only a slot the roster sees free is given, so a repeated result never fills a slot twice.
    /// </summary>
    private bool GiveFreedSlot(string workerId, TrialFinishedAcknowledged acknowledgement) =>
        _roster.IsKnown(workerId) && _roster.FreeSlots(workerId) > 0 && GiveRun(workerId, acknowledgement);

    /// <summary>Acknowledges a result not counted (a repeat, a stale attempt, a damaged checkpoint), inside the next assignment when there is one.</summary>
    private void Acknowledge(TrialFinished finished, IActorRef worker)
    {
        var acknowledgement = new TrialFinishedAcknowledged(finished.TrialId, finished.Attempt);
        if (!GiveFreedSlot(finished.WorkerId, acknowledgement))
        {
            worker.Tell(acknowledgement);
        }
    }

    /// <summary>Gives one free slot of the worker the engine's next run; false when there is none to give (the worker is told when there is).</summary>
    private bool GiveRun(string workerId, TrialFinishedAcknowledged? acknowledges)
    {
        switch (Ledger.NextRun())
        {
            case Decision.Run run:
                Assign(workerId, run, acknowledges);
                return true;
            case Decision.Finished:
                FinishIfDone();
                return false;
            default:
                _waiting.Add(workerId);
                _turnaround?.Waited(workerId);
                return false;
        }
    }

    private void Assign(string workerId, Decision.Run run, TrialFinishedAcknowledged? acknowledges)
    {
        CheckpointManifest? checkpoint = null;
        byte[]? inline = null;
        if (run.ResumeFrom is { } resume)
        {
            var id = CheckpointRetention.CheckpointId(resume);
            if (!_checkpoints.TryGet(id, out var bytes))
            {
                // Cannot happen while retention keeps what live trials need; fail loudly rather than retrain silently.
                throw new InvalidOperationException($"checkpoint {id} of trial {run.TrialId} is not held; cannot resume it");
            }
            checkpoint = CheckpointShelf.Describe(id, bytes);
            inline = CheckpointShelf.Inline(bytes);
        }
        var assignment = new TrialAssignment(run.TrialId, run.Attempt, run.Bracket, run.Rung, run.Hyperparameters, run.FromEpoch, run.ToEpoch, TrialSeed(run.TrialId), checkpoint, inline);
        var attempt = new TrialAttempt(run.TrialId, run.Attempt);
        _assignments[attempt] = assignment;
        _roster.Assign(workerId, attempt, DateTimeOffset.UtcNow);
        TrialLog(LogEventLevel.Information, assignment, workerId)?.Information(
            "Trial {Trial} (bracket {Bracket}, rung {Rung}) epochs {From}..{To} to {Worker}{Resume}",
            run.TrialId, run.Bracket, run.Rung, run.FromEpoch + 1, run.ToEpoch, workerId, run.ResumeFrom is null ? "" : $", resuming from epoch {run.FromEpoch}");
        var worker = _roster.WorkerRef(workerId);
        // The engine took the run in NextRun; the worker hears of it once that is durable.
        Write(new RunStarted(run.TrialId, run.Attempt), () =>
        {
            worker.Tell(acknowledges is null ? assignment : assignment with { Acknowledges = acknowledges });
            _turnaround?.Assigned(workerId, Stopwatch.GetTimestamp());
        });
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
        TrialLog(LogEventLevel.Information, _assignments[attempt], progress.WorkerId)?.ForContext("Epoch", metrics.Epoch).Information(
            "Trial {Trial} epoch {Epoch}/{To}: loss {Loss:F4} accuracy {Accuracy:F4} val_loss {ValLoss:F4} val_accuracy {ValAccuracy:F4}",
            progress.TrialId, metrics.Epoch, _assignments[attempt].ToEpoch, metrics.TrainLoss, metrics.TrainAccuracy, metrics.ValidationLoss, metrics.ValidationAccuracy);
    }

    private void OnFinished(TrialFinished finished)
    {
        var attempt = new TrialAttempt(finished.TrialId, finished.Attempt);
        if (_unrecorded.Contains(attempt))
        {
            return;
        }
        if (!_roster.IsRunning(attempt))
        {
            // A repeat of a counted result, or a late one from an attempt already given to someone else.
            Acknowledge(finished, Sender);
            return;
        }
        _roster.Seen(finished.WorkerId, DateTimeOffset.UtcNow);
        _turnaround?.ResultArrived(finished.WorkerId, Stopwatch.GetTimestamp());
        if (!finished.Outcome.Succeeded || finished.Checkpoint is null)
        {
            Record(attempt, finished, Sender, checkpoint: null);
            return;
        }
        if (finished.CheckpointBytes is { } inline)
        {
            if (CheckpointShelf.Matches(finished.Checkpoint, inline))
            {
                Record(attempt, finished, Sender, inline);
            }
            else
            {
                Lose(attempt, "its checkpoint arrived damaged (length or SHA-256 differ from its manifest)");
                Acknowledge(finished, Sender);
            }
            return;
        }
        _unrecorded.Add(attempt);
        Context.ActorOf(CheckpointDownload.Props(finished.Checkpoint, Sender, (finished, Sender), TimeSpan.FromSeconds(10)));
    }

    private void OnCheckpointDownloaded(CheckpointDownloaded downloaded)
    {
        var (finished, worker) = ((TrialFinished, IActorRef))downloaded.Tag;
        var attempt = new TrialAttempt(finished.TrialId, finished.Attempt);
        _unrecorded.Remove(attempt);
        if (!_roster.IsRunning(attempt))
        {
            Acknowledge(finished, worker);
            return;
        }
        Record(attempt, finished, worker, downloaded.Bytes);
    }

    private void OnCheckpointDownloadFailed(CheckpointDownloadFailed failed)
    {
        var (finished, worker) = ((TrialFinished, IActorRef))failed.Tag;
        var attempt = new TrialAttempt(finished.TrialId, finished.Attempt);
        _unrecorded.Remove(attempt);
        if (_roster.IsRunning(attempt))
        {
            Lose(attempt, $"its checkpoint could not be fetched: {failed.Reason}");
        }
        Acknowledge(finished, worker);
    }

    // The result is journaled (its checkpoint written first) before the worker hears it was counted.
    private void Record(TrialAttempt attempt, TrialFinished finished, IActorRef worker, byte[]? checkpoint)
    {
        var assignment = _assignments[attempt];
        var run = new RunRecord(finished.TrialId, finished.Attempt, assignment.Bracket, assignment.Rung, assignment.FromEpoch, assignment.ToEpoch, finished.WorkerId, finished.Outcome);
        var outcome = finished.Outcome;
        IStudyJournalEntry entry;
        if (!outcome.Succeeded || outcome.Epochs.IsEmpty || checkpoint is null)
        {
            var reason = outcome.FailureReason ?? (outcome.Epochs.IsEmpty ? "no epoch was reported" : "no checkpoint was returned");
            TrialLog(LogEventLevel.Warning, assignment, finished.WorkerId)?.Warning("Trial {Trial} failed: {Reason}", finished.TrialId, reason);
            entry = new RunFailed(run, reason);
        }
        else
        {
            var id = CheckpointRetention.CheckpointId(new CheckpointReference(finished.TrialId, assignment.ToEpoch));
            var small = CheckpointShelf.Inline(checkpoint);
            if (small is null)
            {
                _files.Save(id, checkpoint);
            }
            _checkpoints.Put(id, checkpoint);
            var score = outcome.Epochs[^1].ValidationAccuracy;
            TrialLog(LogEventLevel.Information, assignment, finished.WorkerId)?.Information("Trial {Trial} reached epoch {To} with val_accuracy {ValAccuracy:F4} in {Seconds:F1} s",
                finished.TrialId, assignment.ToEpoch, score, outcome.Duration.TotalSeconds);
            entry = new RunCompleted(run, score, CheckpointShelf.Describe(id, checkpoint), small);
        }
        // Counted at once, so the freed slot can be given out; acknowledged only once durable. Until then a repeat of
        // this result is ignored (the worker re-sends it), and the worker's death cannot take the result back.
        _unrecorded.Add(attempt);
        _roster.Release(attempt);
        _assignments.Remove(attempt);
        _lastEpochs.Remove(attempt);
        Ledger.Apply(entry);
        var acknowledgement = new TrialFinishedAcknowledged(finished.TrialId, finished.Attempt);
        // Set below, long before this write completes: the freed slot's next assignment, journaled after this entry
        // and sent once that is durable too, carries the acknowledgement instead.
        var carried = false;
        Write(entry, () =>
        {
            _unrecorded.Remove(attempt);
            if (!carried)
            {
                worker.Tell(acknowledgement);
            }
            FinishIfDone();
        });
        AfterChange();
        carried = GiveFreedSlot(finished.WorkerId, acknowledgement);
    }

    /// <summary>
    /// Journals an event the ledger has already taken, without waiting for the write: the ledger's order is the
    /// journal's order (writes keep the order they were asked in), so replay meets the same engine. Whatever others
    /// could see (an assignment, an acknowledgement, a deleted checkpoint file, a snapshot) waits for
    /// <paramref name="durable"/>, run once this event is written.
    /// </summary>
    private void Write(IStudyJournalEntry entry, Action? durable = null)
    {
        var dropped = Ledger.TakeReleased();
        foreach (var id in dropped)
        {
            _checkpoints.Remove(id);
        }
        // Taken now, saved under this event's sequence number: it must not hold events still being written.
        var snapshot = SnapshotSchedule.IsDue(++_eventsSinceSnapshot, _storage.SnapshotEvery, Ledger.Runs.Count) ? Ledger.ToSnapshot() : null;
        if (snapshot is not null)
        {
            _eventsSinceSnapshot = 0;
        }
        PersistAsync(entry, _ =>
        {
            foreach (var id in dropped)
            {
                _files.Delete(id);
            }
            if (snapshot is not null)
            {
                SaveSnapshot(snapshot);
            }
            durable?.Invoke();
        });
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
        _unrecorded.Remove(attempt);
        _lastEpochs.Remove(attempt);
        if (_assignments.Remove(attempt, out var assignment))
        {
            TrialLog(LogEventLevel.Warning, assignment, null)?.Warning("Trial {Trial} attempt {Attempt} lost ({Why}); it will be given out again from its last checkpoint", attempt.TrialId, attempt.Attempt, why);
        }
        var lost = new RunLost(attempt.TrialId, attempt.Attempt);
        Ledger.Apply(lost);
        Write(lost);
        AfterChange();
    }

    private void AfterChange()
    {
        if (Engine.Best() is { } best && best.ValAccuracy > _bestSoFar)
        {
            _bestSoFar = best.ValAccuracy;
            _log.ForContext("Trial", best.TrialId).Information(
                "Best val_accuracy so far: {ValAccuracy:F4} (trial {Trial}, {Epochs} epochs): {Hyperparameters}",
                best.ValAccuracy, best.TrialId, best.Epochs, best.Hyperparameters.ToString());
        }
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

    private void FinishIfDone()
    {
        if (_finishing || !Engine.IsFinished || _roster.RunningCount > 0 || _unrecorded.Count > 0)
        {
            return;
        }
        _finishing = true;
        Timers.CancelAll();
        Become(Finished);
        if (Ledger.CompletedAt is null)
        {
            Persist(new StudyCompleted(DateTimeOffset.UtcNow), completed =>
            {
                Ledger.Apply(completed);
                End();
            });
            return;
        }
        End();
    }

    private void End()
    {
        var status = Engine.Status();
        var elapsed = Ledger.Elapsed(DateTimeOffset.UtcNow);
        _log.Information("Study {Study} finished in {Elapsed}: {Runs} runs, {Epochs} epochs", Engine.Study.Name, elapsed, status.RunsCompleted, status.EpochsTrained);
        foreach (var workerId in _roster.WorkerIds)
        {
            _roster.WorkerRef(workerId).Tell(new StudyFinished(Engine.Study.Name));
        }
        byte[]? bestCheckpoint = null;
        if (status.Best is { } best)
        {
            _checkpoints.TryGet(CheckpointRetention.CheckpointId(new CheckpointReference(best.TrialId, best.Epochs)), out bestCheckpoint);
        }
        _ended.TrySetResult(new StudyEnded(status, elapsed, Ledger.Usage(), [.. Ledger.Runs], bestCheckpoint) { AlreadyFinished = _resumedFinished });
    }

    private StudySnapshot Snapshot() => StudySnapshots.From(
        Engine.Study.Name,
        Engine.Status(),
        Engine.Plan.Epochs,
        Ledger.Elapsed(DateTimeOffset.UtcNow),
        _roster.WorkerIds.Count,
        _assignments.Select(pair => (pair.Value, _roster.RunningOn(pair.Key) ?? "?", _lastEpochs.GetValueOrDefault(pair.Key))));

    private void Finished()
    {
        Command<RequestStudyStatus>(_ => Sender.Tell(Snapshot()));
        Command<RegisterWorker>(_ => Sender.Tell(new StudyFinished(Engine.Study.Name)));
        Command<TrialFinished>(finished => Sender.Tell(new TrialFinishedAcknowledged(finished.TrialId, finished.Attempt)));
        Command<RequestCheckpointChunk>(request => Sender.Tell(_checkpoints.Chunk(request.CheckpointId, request.Index)));
        CommandAny(_ => { });
    }

    // Null when the level is off: the caller's `?.` then skips its arguments too, and a study's every result at
    // Information does not build four loggers to drop one event (bench coordinator logs at Warning).
    private ILogger? TrialLog(LogEventLevel level, TrialAssignment assignment, string? workerId) =>
        _log.IsEnabled(level)
            ? _log.ForContext("Trial", assignment.TrialId).ForContext("Bracket", assignment.Bracket).ForContext("Rung", assignment.Rung).ForContext("Worker", workerId)
            : null;

    private long TrialSeed(int trialId) => unchecked(Engine.Seed * 1_000_003 + trialId);

    private sealed record Sweep
    {
        public static Sweep Instance { get; } = new();
    }
}
