using Tuner.TrialWorker.Workers;

namespace Tuner.Coordinator.Benchmarks;

/// <summary>
/// The time since the benchmark started, the results counted so far, and the CPU time and JIT compilation of the
/// coordinator's process and of the worker processes by then, with the coordinator process's garbage collections.
/// </summary>
public readonly record struct ProcessorSample(TimeSpan Elapsed, int Results, TimeSpan Coordinator, TimeSpan Workers, JitActivity CoordinatorJit, JitActivity WorkersJit, GcActivity CoordinatorGc)
{
    /// <summary>What was used between <paramref name="earlier"/> and this sample.</summary>
    public ProcessorSample Since(ProcessorSample earlier) => new(
        Elapsed - earlier.Elapsed,
        Results - earlier.Results,
        Coordinator - earlier.Coordinator,
        Workers - earlier.Workers,
        CoordinatorJit.Since(earlier.CoordinatorJit),
        WorkersJit.Since(earlier.WorkersJit),
        CoordinatorGc.Since(earlier.CoordinatorGc));
}
