using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.Scheduling;

public sealed class TrialState
{
    public int Id { get; init; }

    /// <summary>Index of the trial's bracket in <see cref="EngineState.Brackets"/>.</summary>
    public int BracketIndex { get; init; }

    public required HyperparameterSet Hyperparameters { get; init; }

    public int Rung { get; set; }

    public TrialPhase Phase { get; set; }

    /// <summary>Attempts given out for the current rung.</summary>
    public int Attempt { get; set; }

    /// <summary>Validation accuracy at each rung reported so far.</summary>
    public List<double> Scores { get; init; } = [];

    public string? FailureReason { get; set; }
}
