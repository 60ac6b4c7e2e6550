using Tuner.TrialWorker.Workers;

namespace Tuner.Coordinator.Benchmarks;

/// <summary>
/// One stretch of a coordinator benchmark: its results and their rate, the turnaround from a result to the next
/// assignment to the same worker (median, p99, worst) over <see cref="Measured"/> results, and, from samples taken
/// over <see cref="Sampled"/> (so not quite the same results; all zero when the stretch was too short to sample),
/// the CPU time and JIT compilation of the coordinator's process and of the worker processes over
/// <see cref="CpuResults"/> results, and the coordinator process's garbage collections.
/// </summary>
public sealed record CoordinatorBenchmarkWindow(
    int Results,
    double ResultsPerSecond,
    int Measured,
    TimeSpan MedianTurnaround,
    TimeSpan P99Turnaround,
    TimeSpan WorstTurnaround,
    TimeSpan Sampled,
    int CpuResults,
    TimeSpan CoordinatorCpu,
    TimeSpan WorkersCpu,
    JitActivity CoordinatorJit,
    JitActivity WorkersJit,
    GcActivity CoordinatorGc)
{
    public TimeSpan CoordinatorCpuPerResult => CpuResults == 0 ? TimeSpan.Zero : CoordinatorCpu / CpuResults;

    public TimeSpan WorkersCpuPerResult => CpuResults == 0 ? TimeSpan.Zero : WorkersCpu / CpuResults;

    public long CoordinatorAllocatedPerResult => CpuResults == 0 ? 0 : CoordinatorGc.Allocated / CpuResults;

    /// <summary>
    /// The coordinator process's JIT time over its CPU time: the JIT's time is its threads' wall-clock time, waits for a
    /// core included, so on a loaded machine this exceeds the share of the CPU it took, and can exceed 1.
    /// </summary>
    public double CoordinatorJitShare => CoordinatorCpu <= TimeSpan.Zero ? 0 : CoordinatorJit.Time / CoordinatorCpu;

    /// <summary>The same for the worker processes together.</summary>
    public double WorkersJitShare => WorkersCpu <= TimeSpan.Zero ? 0 : WorkersJit.Time / WorkersCpu;
}
