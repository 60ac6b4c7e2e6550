using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.Scheduling;

/// <summary>The engine's answer to an event.</summary>
public abstract record Decision
{
    private Decision()
    {
    }

    /// <summary>
    /// Train trial <see cref="TrialId"/> from <see cref="FromEpoch"/> to <see cref="ToEpoch"/> (resuming from
    /// <see cref="ResumeFrom"/> when not null) and report its validation accuracy with the same <see cref="Attempt"/>.
    /// </summary>
    public sealed record Run(
        int TrialId,
        HyperparameterSet Hyperparameters,
        int Iteration,
        int Bracket,
        int Rung,
        int FromEpoch,
        int ToEpoch,
        CheckpointReference? ResumeFrom,
        int Attempt) : Decision;

    /// <summary>Nothing to run until a running trial reports; ask again then.</summary>
    public sealed record Wait : Decision;

    /// <summary>The study is over: nothing runs and nothing will.</summary>
    public sealed record Finished : Decision;

    /// <summary>The result was taken into account.</summary>
    public sealed record Recorded : Decision;

    /// <summary>The result answers no run in progress (a duplicate, or an attempt that was already given out again).</summary>
    public sealed record Ignored(string Why) : Decision;
}
