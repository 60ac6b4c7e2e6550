using Tuner.Shared.Hyperparameters;

namespace Tuner.Shared.Status;

/// <summary>The best run so far.</summary>
public sealed record BestSnapshot(int TrialId, double ValidationAccuracy, int Epochs, HyperparameterSet Hyperparameters);
