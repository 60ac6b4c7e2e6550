using Tuner.Coordinator.Scheduling;

namespace Tuner.Coordinator.Simulation;

/// <param name="Trials">Configurations sampled.</param>
/// <param name="Runs">Rung executions completed (retries of lost runs are not counted twice).</param>
/// <param name="Epochs">Epochs trained by completed runs, each resuming from its checkpoint.</param>
/// <param name="LostRuns">Runs given out again after their worker died.</param>
/// <param name="FailedTrials">Trials that failed or were lost too often.</param>
/// <param name="Best">The best trial, as the engine defines it.</param>
/// <param name="Status">The engine's final status.</param>
/// <param name="Workers">Workers that ran the study.</param>
/// <param name="Makespan">Simulated time from the first request to the last result; in epochs when a run takes as long as its epochs.</param>
public sealed record SimulationResult(int Trials, int Runs, int Epochs, int LostRuns, int FailedTrials, BestTrial? Best, EngineStatus Status, int Workers, double Makespan)
{
    /// <summary>The makespan if the epochs trained were spread evenly over the workers, with none idle.</summary>
    public double IdealMakespan => (double)Epochs / Workers;
}
