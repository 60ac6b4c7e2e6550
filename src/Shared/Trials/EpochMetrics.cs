namespace Tuner.Shared.Trials;

/// <summary>
/// What one training epoch produced: <see cref="Epoch"/> counts from 1 as Keras prints it; losses include the L2
/// penalty on the training side, as Keras reports them.
/// </summary>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double ValidationLoss,
    double ValidationAccuracy,
    TimeSpan Duration);
