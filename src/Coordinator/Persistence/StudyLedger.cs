using System.Collections.Immutable;
using Tuner.Coordinator.Coordination;
using Tuner.Coordinator.Scheduling;
using Tuner.Shared.Protocol;

namespace Tuner.Coordinator.Persistence;

/// <summary>
/// Everything a study has done that cannot be recomputed, rebuilt from its journal: the engine (fed the journaled
/// events in order, it reaches the same state, since it is deterministic), the runs for the report, and the
/// checkpoints the live trials need. Pure: no actors, no I/O, no clock.
/// </summary>
public sealed class StudyLedger
{
    private readonly List<RunRecord> _runs;
    private readonly Dictionary<string, CheckpointManifest> _checkpoints;
    private readonly Dictionary<string, byte[]> _checkpointBytes;
    // What each held checkpoint id names, kept beside it so that asking the engine after every event parses nothing.
    private readonly Dictionary<string, CheckpointReference> _references;
    // Dropped since the last TakeReleased, so the coordinator frees exactly those instead of comparing all it holds.
    private readonly List<string> _released = [];

    private StudyLedger(StudyStarted started, HyperbandEngine engine, IEnumerable<RunRecord> runs, IEnumerable<CheckpointManifest> checkpoints, IReadOnlyDictionary<string, byte[]>? checkpointBytes, DateTimeOffset? completedAt)
    {
        _checkpointBytes = new Dictionary<string, byte[]>(checkpointBytes ?? ImmutableDictionary<string, byte[]>.Empty, StringComparer.Ordinal);
        Started = started;
        Engine = engine;
        _runs = [.. runs];
        _checkpoints = checkpoints.ToDictionary(c => c.CheckpointId, StringComparer.Ordinal);
        _references = _checkpoints.Keys.ToDictionary(id => id, CheckpointRetention.Reference, StringComparer.Ordinal);
        CompletedAt = completedAt;
    }

    public StudyStarted Started { get; }

    public HyperbandEngine Engine { get; }

    public IReadOnlyList<RunRecord> Runs => _runs;

    /// <summary>The checkpoints live trials (and the best run) need, by id; their bytes live in files, or in <see cref="CheckpointBytes"/>.</summary>
    public IReadOnlyDictionary<string, CheckpointManifest> Checkpoints => _checkpoints;

    /// <summary>The bytes of the needed checkpoints that the journal holds itself (small ones), by id.</summary>
    public IReadOnlyDictionary<string, byte[]> CheckpointBytes => _checkpointBytes;

    public DateTimeOffset? CompletedAt { get; private set; }

    public static StudyLedger Start(StudyStarted started) => new(started, started.Definition.StartEngine(), [], [], null, null);

    public static StudyLedger FromSnapshot(LedgerSnapshot snapshot) =>
        new(snapshot.Started, HyperbandEngine.FromJson(snapshot.Engine), snapshot.Runs, snapshot.Checkpoints, snapshot.CheckpointBytes, snapshot.CompletedAt);

    public LedgerSnapshot ToSnapshot() => new(Started, Engine.ToJson(), [.. _runs], [.. _checkpoints.Values], CompletedAt, _checkpointBytes.ToImmutableDictionary(StringComparer.Ordinal));

    /// <summary>
    /// Asks the engine for the next run. A <see cref="Decision.Run"/> has already changed the engine: journal it as
    /// <see cref="RunStarted"/> (which replays by naming the trial) and do not apply that event a second time.
    /// </summary>
    public Decision NextRun() => Engine.Handle(new TuningEvent.WorkerReady());

    /// <summary>Applies a journaled event, live or during recovery.</summary>
    public void Apply(IStudyJournalEntry entry)
    {
        switch (entry)
        {
            case RunStarted started:
                // Named, not asked for: a journal written under an earlier order of work replays the same.
                if (Engine.Handle(new TuningEvent.TrialStarted(started.TrialId)) is not Decision.Run run || run.Attempt != started.Attempt)
                {
                    throw new InvalidOperationException(
                        $"the journal says trial {started.TrialId} attempt {started.Attempt} was given out next, but the engine has no such run to give out: the journal was written by another version of the engine");
                }
                break;
            case RunCompleted completed:
                _runs.Add(completed.Run);
                _checkpoints[completed.Checkpoint.CheckpointId] = completed.Checkpoint;
                _references[completed.Checkpoint.CheckpointId] = CheckpointRetention.Reference(completed.Checkpoint.CheckpointId);
                if (completed.Bytes is not null)
                {
                    _checkpointBytes[completed.Checkpoint.CheckpointId] = completed.Bytes;
                }
                Engine.Handle(new TuningEvent.TrialCompleted(completed.Run.TrialId, completed.Run.Attempt, completed.ValAccuracy));
                break;
            case RunFailed failed:
                _runs.Add(failed.Run);
                Engine.Handle(new TuningEvent.TrialFailed(failed.Run.TrialId, failed.Run.Attempt, failed.Reason));
                break;
            case RunLost lost:
                Engine.Handle(new TuningEvent.TrialLost(lost.TrialId, lost.Attempt));
                break;
            case RunInterrupted interrupted:
                Engine.Handle(new TuningEvent.TrialInterrupted(interrupted.TrialId, interrupted.Attempt));
                break;
            case StudyCompleted completed:
                // The engine said Finished before this was journaled; asking again only sets that flag once more.
                NextRun();
                CompletedAt = completed.At;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(entry), entry, "not an event of the study journal");
        }
        List<string>? unneeded = null;
        foreach (var (id, reference) in _references)
        {
            if (!Engine.NeedsCheckpoint(reference))
            {
                (unneeded ??= []).Add(id);
            }
        }
        foreach (var id in unneeded ?? [])
        {
            _checkpoints.Remove(id);
            _checkpointBytes.Remove(id);
            _references.Remove(id);
            _released.Add(id);
        }
    }

    /// <summary>The checkpoints no live trial needs any more, dropped since the last call.</summary>
    public IReadOnlyList<string> TakeReleased()
    {
        if (_released.Count == 0)
        {
            return [];
        }
        string[] released = [.. _released];
        _released.Clear();
        return released;
    }

    /// <summary>Runs that were out when the coordinator stopped: each needs a <see cref="RunInterrupted"/> on recovery.</summary>
    public IReadOnlyList<RunInterrupted> RunsOut() =>
        [.. Engine.Status().Trials.Where(t => t.Outcome == TrialOutcome.Running).Select(t => new RunInterrupted(t.TrialId, t.Attempt))];

    /// <summary>Wall-clock time from the study's first start, downtime included.</summary>
    public TimeSpan Elapsed(DateTimeOffset now) => (CompletedAt ?? now) - Started.At;

    /// <summary>Runs and training seconds per worker, for the report.</summary>
    public IReadOnlyDictionary<string, WorkerUsage> Usage() =>
        _runs.GroupBy(r => r.WorkerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new WorkerUsage(g.Count(), g.Sum(r => r.Outcome.Duration.TotalSeconds)), StringComparer.Ordinal);
}
