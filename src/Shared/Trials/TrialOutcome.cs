using System.Collections.Immutable;

namespace Tuner.Shared.Trials;

/// <summary>
/// The end of a trial's training run: the epochs it completed in this run and, when it could not go on (a diverging
/// loss), why. A failed trial still carries the epochs completed before it failed.
/// </summary>
public sealed record TrialOutcome(ImmutableArray<EpochMetrics> Epochs, string? FailureReason, TimeSpan Duration)
{
    public bool Succeeded => FailureReason is null;

    /// <summary>The validation accuracy of the last completed epoch, the figure a Hyperband rung compares.</summary>
    public double? FinalValidationAccuracy => Epochs.IsEmpty ? null : Epochs[^1].ValidationAccuracy;

    public bool Equals(TrialOutcome? other) =>
        other is not null && Epochs.SequenceEqual(other.Epochs) && FailureReason == other.FailureReason &&
        Duration == other.Duration;

    public override int GetHashCode() => HashCode.Combine(Epochs.Length, FailureReason, Duration);
}
