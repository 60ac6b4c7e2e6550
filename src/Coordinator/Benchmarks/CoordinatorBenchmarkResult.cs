namespace Tuner.Coordinator.Benchmarks;

/// <summary>
/// What a coordinator benchmark measured: results counted, their rate, the turnaround from a result to the next
/// assignment to the same worker (median, p99, worst) over <see cref="Measured"/> results, and the CPU the whole
/// coordinator process used per result.
/// </summary>
public sealed record CoordinatorBenchmarkResult(
    int Results,
    double ResultsPerSecond,
    int Measured,
    TimeSpan MedianTurnaround,
    TimeSpan P99Turnaround,
    TimeSpan WorstTurnaround,
    TimeSpan CoordinatorCpu,
    TimeSpan Elapsed);
