using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.Scheduling;

/// <summary>
/// The best result of a study: the highest validation accuracy of any completed run, whatever its rung (Keras Tuner's
/// rule); ties go to the run with more epochs, then to the lower trial id.
/// </summary>
public sealed record BestTrial(int TrialId, HyperparameterSet Hyperparameters, double ValAccuracy, int Epochs, int Bracket, int Rung);
