namespace Tuner.Coordinator.Benchmarks;

/// <summary>
/// What a coordinator benchmark measured: every result counted, the runs the study completed (fewer than planned when
/// the search space ran out of new configurations) in how many iterations, and the figures of the warm-up and of the
/// steady state after it.
/// </summary>
public sealed record CoordinatorBenchmarkResult(
    int Results,
    int RunsCompleted,
    int IterationsOpened,
    TimeSpan Elapsed,
    CoordinatorBenchmarkWindow WarmUp,
    CoordinatorBenchmarkWindow Steady)
{
    /// <summary>Why fewer runs were measured than <paramref name="planned"/>, or null when all of them ran.</summary>
    public string? Shortfall(int planned) => RunsCompleted >= planned
        ? null
        : $"the search space ran out of new configurations in iteration {IterationsOpened}: {RunsCompleted} runs, not the {planned} planned";
}
