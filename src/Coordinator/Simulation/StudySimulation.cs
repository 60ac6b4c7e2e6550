using Tuner.Coordinator.Randomness;
using Tuner.Coordinator.Scheduling;

namespace Tuner.Coordinator.Simulation;

/// <summary>
/// Drives an engine with simulated workers in simulated time: idle workers ask for runs, the run that ends first
/// reports (or its worker dies), and so on until the engine says the study is finished.
/// </summary>
public sealed class StudySimulation(HyperbandEngine engine, FakeTrainer trainer, SimulationOptions options)
{
    private readonly StableRandom _random = new(StableHash.Combine(options.OrderSeed, 0x5EED));
    private readonly List<(Decision.Run Run, double EndsAt, long Order)> _inFlight = [];
    private int _idleWorkers = options.Workers;
    private double _now;
    private long _order;

    /// <summary>The engine being driven; replace it with a restored copy to continue from persisted state.</summary>
    public HyperbandEngine Engine { get; set; } = engine;

    public int LostRuns { get; private set; }

    /// <summary>Hands out work to idle workers, then delivers one outcome; false once the study is finished.</summary>
    public bool Step()
    {
        while (_idleWorkers > 0 && Engine.Handle(new TuningEvent.WorkerReady()) is Decision.Run run)
        {
            var duration = (run.ToEpoch - run.FromEpoch) * (options.RandomDurations ? 0.2 + _random.NextDouble() : 1.0);
            _inFlight.Add((run, _now + duration, _order++));
            _idleWorkers--;
        }
        if (_inFlight.Count == 0)
        {
            return Engine.IsFinished
                ? false
                : throw new InvalidOperationException("the engine waits although nothing runs");
        }
        var next = _inFlight.OrderBy(r => r.EndsAt).ThenBy(r => r.Order).First();
        _inFlight.Remove(next);
        _now = next.EndsAt;
        _idleWorkers++;
        Engine.Handle(Outcome(next.Run));
        return true;
    }

    public SimulationResult RunToEnd()
    {
        while (Step())
        {
        }
        var status = Engine.Status();
        return new SimulationResult(
            status.Trials.Length,
            status.RunsCompleted,
            status.EpochsTrained,
            LostRuns,
            status.Trials.Count(t => t.Outcome == TrialOutcome.Failed),
            status.Best,
            status,
            options.Workers,
            _now);
    }

    private TuningEvent Outcome(Decision.Run run)
    {
        if (run.Attempt < Engine.MaxAttempts && _random.NextDouble() < options.LossProbability)
        {
            LostRuns++;
            return new TuningEvent.TrialLost(run.TrialId, run.Attempt);
        }
        return trainer.Fails(run.Hyperparameters)
            ? new TuningEvent.TrialFailed(run.TrialId, run.Attempt, "simulated divergence")
            : new TuningEvent.TrialCompleted(run.TrialId, run.Attempt, trainer.ValAccuracy(run.Hyperparameters, run.ToEpoch));
    }
}
