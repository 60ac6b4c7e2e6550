namespace Tuner.Coordinator.Simulation;

/// <param name="Workers">Workers asking for runs concurrently.</param>
/// <param name="OrderSeed">Seeds run durations (so completion order) and losses; independent of the study's seed.</param>
/// <param name="RandomDurations">Durations proportional to epochs times a random factor, instead of to epochs only.</param>
/// <param name="LossProbability">Chance that a run's worker dies; the last allowed attempt is never lost.</param>
public sealed record SimulationOptions(int Workers = 1, long OrderSeed = 0, bool RandomDurations = false, double LossProbability = 0);
