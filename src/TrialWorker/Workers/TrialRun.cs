using Tuner.Shared.Trials;

namespace Tuner.TrialWorker.Workers;

/// <summary>What a trial attempt produced: its outcome and, when it succeeded, the checkpoint it reached.</summary>
public sealed record TrialRun(TrialOutcome Outcome, byte[]? Checkpoint)
{
    public static TrialRun Failed(string reason) => new(new TrialOutcome([], reason, TimeSpan.Zero), null);
}
