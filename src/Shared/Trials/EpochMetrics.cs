namespace Tuner.Shared.Trials;

/// <summary>What one training epoch measured; <see cref="Epoch"/> counts epochs completed, from 1.</summary>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double ValidationLoss,
    double ValidationAccuracy,
    double Seconds);
