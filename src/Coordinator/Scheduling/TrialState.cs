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

    /// <summary>
    /// Attempts given out over the trial's whole life, never reset: a late result of a lower rung's run must not pass
    /// for the result of the promoted run that follows it.
    /// </summary>
    public int Attempt { get; set; }

    /// <summary>Attempts given out for the current rung, which the retry limit counts.</summary>
    public int AttemptsAtRung { get; set; }

    /// <summary>Validation accuracy at each rung reported so far.</summary>
    public List<double> Scores { get; init; } = [];

    public string? FailureReason { get; set; }
}
