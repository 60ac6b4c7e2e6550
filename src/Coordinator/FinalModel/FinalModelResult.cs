using Tuner.Shared.Hyperparameters;
using Tuner.Shared.Trials;

namespace Tuner.Coordinator.FinalModel;

/// <summary>The retrained model: its history, its one test evaluation and its weights (null when training failed).</summary>
public sealed record FinalModelResult(HyperparameterSet Hyperparameters, TrialOutcome History, Evaluation? Test, byte[]? Checkpoint);
