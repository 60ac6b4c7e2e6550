using Tuner.Shared.Trials;

namespace Tuner.TrialWorker.Workers;

/// <summary>What a trial attempt produced: its epochs, and either the checkpoint it reached or why it failed.</summary>
public sealed record TrialRun(IReadOnlyList<EpochMetrics> Epochs, double Seconds, byte[]? Checkpoint, string? FailureReason)
{
    public static TrialRun Failed(IReadOnlyList<EpochMetrics> epochs, double seconds, string reason) => new(epochs, seconds, null, reason);
}
