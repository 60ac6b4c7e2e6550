namespace Tuner.Coordinator.Benchmarks;

/// <summary>A coordinator benchmark could not finish: the message says why (a worker process died, the study took too long).</summary>
public sealed class CoordinatorBenchmarkException(string message) : Exception(message);
