namespace Tuner.Coordinator.Benchmarks;

/// <summary>The results counted so far, and the CPU time the coordinator's process and the worker processes had used by then.</summary>
public readonly record struct ProcessorSample(int Results, TimeSpan Coordinator, TimeSpan Workers)
{
    /// <summary>What was used between <paramref name="earlier"/> and this sample.</summary>
    public ProcessorSample Since(ProcessorSample earlier) => new(Results - earlier.Results, Coordinator - earlier.Coordinator, Workers - earlier.Workers);
}
