using Tuner.Coordinator.Coordination;
using Tuner.Coordinator.Persistence;
using Tuner.Coordinator.Scheduling;
using Tuner.Coordinator.Simulation;
using Tuner.Shared.Protocol;
using RunOutcome = Tuner.Shared.Trials.TrialOutcome;

namespace Tuner.Coordinator.Tests.Persistence;

/// <summary>
/// A coordinator reduced to its journal, driven by simulated workers with a fake trainer, that dies at random moments:
/// the event it was about to journal is lost with everything in memory (runs out, results not yet journaled), and a
/// new ledger is rebuilt from the journal (from the latest snapshot when there is one), every entry round-tripped
/// through the journal's serializer, as the actor does on recovery.
/// </summary>
internal sealed class CrashingStudy(StudyDefinition definition, FakeTrainer trainer, int workers, int orderSeed, double crashProbability, int snapshotEvery)
{
    private readonly StudyJournalSerializer _serializer = new(null!);
    private readonly Random _random = new(orderSeed);
    private readonly List<IStudyJournalEntry> _journal = [];
    private readonly List<(Decision.Run Run, double EndsAt)> _out = [];
    private (LedgerSnapshot Snapshot, int Events)? _snapshot;
    private StudyLedger _ledger = null!;
    private double _now;

    public int Crashes { get; private set; }

    public StudyLedger RunToEnd()
    {
        var started = new StudyStarted(definition, DateTimeOffset.UnixEpoch);
        _journal.Add(RoundTrip(started));
        _ledger = StudyLedger.Start(started);
        while (true)
        {
            if (!HandOut())
            {
                continue;
            }
            if (_out.Count == 0)
            {
                var decision = _ledger.NextRun();
                Assert.IsType<Decision.Finished>(decision);
                if (Journal(new StudyCompleted(DateTimeOffset.UnixEpoch.AddHours(1)), applied: false))
                {
                    return _ledger;
                }
                continue;
            }
            var next = _out.OrderBy(r => r.EndsAt).First();
            _out.Remove(next);
            _now = next.EndsAt;
            Journal(Outcome(next.Run), applied: false);
        }
    }

    // False when the coordinator died while handing out work.
    private bool HandOut()
    {
        while (_out.Count < workers && _ledger.NextRun() is Decision.Run run)
        {
            if (!Journal(new RunStarted(run.TrialId, run.Attempt), applied: true))
            {
                return false;
            }
            _out.Add((run, _now + ((run.ToEpoch - run.FromEpoch) * (0.2 + _random.NextDouble()))));
        }
        return true;
    }

    private IStudyJournalEntry Outcome(Decision.Run run)
    {
        var record = new RunRecord(run.TrialId, run.Attempt, run.Bracket, run.Rung, run.FromEpoch, run.ToEpoch, "w", new RunOutcome([], null, TimeSpan.FromSeconds(run.ToEpoch - run.FromEpoch)));
        if (trainer.Fails(run.Hyperparameters))
        {
            return new RunFailed(record with { Outcome = record.Outcome with { FailureReason = "simulated divergence" } }, "simulated divergence");
        }
        var checkpoint = CheckpointRetention.CheckpointId(new CheckpointReference(run.TrialId, run.ToEpoch));
        return new RunCompleted(record, trainer.ValAccuracy(run.Hyperparameters, run.ToEpoch), new CheckpointManifest(checkpoint, 1, 1, "00"));
    }

    private bool Journal(IStudyJournalEntry entry, bool applied)
    {
        if (_random.NextDouble() < crashProbability)
        {
            Recover();
            return false;
        }
        _journal.Add(RoundTrip(entry));
        if (!applied)
        {
            _ledger.Apply(entry);
        }
        if (_journal.Count % snapshotEvery == 0)
        {
            _snapshot = (RoundTrip(_ledger.ToSnapshot()), _journal.Count);
        }
        return true;
    }

    private void Recover()
    {
        Crashes++;
        _out.Clear();
        _ledger = _snapshot is { } snapshot ? StudyLedger.FromSnapshot(snapshot.Snapshot) : StudyLedger.Start((StudyStarted)_journal[0]);
        foreach (var entry in _journal.Skip(_snapshot?.Events ?? 1))
        {
            _ledger.Apply(RoundTrip(entry));
        }
        foreach (var interrupted in _ledger.RunsOut())
        {
            _journal.Add(interrupted);
            _ledger.Apply(interrupted);
        }
    }

    private T RoundTrip<T>(T entry)
        where T : IStudyJournalEntry =>
        (T)_serializer.FromBinary(_serializer.ToBinary(entry), _serializer.Manifest(entry));
}
