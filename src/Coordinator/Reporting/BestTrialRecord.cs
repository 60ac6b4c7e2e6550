using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.Reporting;

/// <summary>The trial the study chose, with the score it was chosen on.</summary>
public sealed record BestTrialRecord(int TrialId, HyperparameterSet Hyperparameters, double ValidationAccuracy);
