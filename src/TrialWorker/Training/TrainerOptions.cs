namespace Tuner.TrialWorker.Training;

/// <summary>
/// How a trainer uses the machine. One Torch thread per trial by default: models this small gain little from a second
/// thread, so a worker's parallelism comes from running trials side by side. Torch's thread count is process-wide.
/// </summary>
public sealed record TrainerOptions(int Threads = 1, int EvaluationBatchSize = 1000)
{
    public static TrainerOptions Default { get; } = new();
}
