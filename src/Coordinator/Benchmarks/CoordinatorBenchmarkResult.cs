namespace Tuner.Coordinator.Benchmarks;

/// <summary>
/// What a coordinator benchmark measured: every result counted; when the study finished (rather than being stopped
/// after the measured time), the runs it completed (fewer than planned when the search space ran out of new
/// configurations) in how many iterations; and the figures of the warm-up and of the steady state after it.
/// </summary>
public sealed record CoordinatorBenchmarkResult(
    int Results,
    (int Runs, int Iterations)? Finished,
    TimeSpan Elapsed,
    CoordinatorBenchmarkWindow WarmUp,
    CoordinatorBenchmarkWindow Steady)
{
    /// <summary>Why fewer runs were measured than <paramref name="planned"/>, or null when all of them ran or the study was stopped.</summary>
    public string? Shortfall(int planned) => Finished is { } finished && finished.Runs < planned
        ? $"the search space ran out of new configurations in iteration {finished.Iterations}: {finished.Runs} runs, not the {planned} planned"
        : null;
}
