using System.Collections.Immutable;
using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.Scheduling;

public sealed record TrialStatus(
    int TrialId,
    int Iteration,
    int Bracket,
    int Rung,
    TrialOutcome Outcome,
    int Attempt,
    HyperparameterSet Hyperparameters,
    ImmutableArray<double> Scores,
    string? FailureReason);
