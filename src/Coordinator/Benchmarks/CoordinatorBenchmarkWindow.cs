namespace Tuner.Coordinator.Benchmarks;

/// <summary>
/// One stretch of a coordinator benchmark: its results and their rate, the turnaround from a result to the next
/// assignment to the same worker (median, p99, worst) over <see cref="Measured"/> results, and the CPU time the
/// coordinator's process and the worker processes used over <see cref="CpuResults"/> results (sampled, so not quite
/// the same results; zero when the stretch was too short to sample).
/// </summary>
public sealed record CoordinatorBenchmarkWindow(
    int Results,
    double ResultsPerSecond,
    int Measured,
    TimeSpan MedianTurnaround,
    TimeSpan P99Turnaround,
    TimeSpan WorstTurnaround,
    int CpuResults,
    TimeSpan CoordinatorCpu,
    TimeSpan WorkersCpu)
{
    public TimeSpan CoordinatorCpuPerResult => CpuResults == 0 ? TimeSpan.Zero : CoordinatorCpu / CpuResults;

    public TimeSpan WorkersCpuPerResult => CpuResults == 0 ? TimeSpan.Zero : WorkersCpu / CpuResults;
}
