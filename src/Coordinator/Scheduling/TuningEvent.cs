namespace Tuner.Coordinator.Scheduling;

/// <summary>What the engine is told. Results carry the attempt they answer so that late or repeated ones are ignored.</summary>
public abstract record TuningEvent
{
    private TuningEvent()
    {
    }

    /// <summary>A worker is idle and asks for work.</summary>
    public sealed record WorkerReady : TuningEvent;

    /// <summary>
    /// Replaying a journal: this trial's queued run was given out next. The engine gives out exactly that run (opening
    /// brackets as for <see cref="WorkerReady"/>), whatever its own order of work would pick, so a journal written under
    /// an earlier order of work replays to the same state. Answered Wait or Finished when the trial has no queued run.
    /// </summary>
    public sealed record TrialStarted(int TrialId) : TuningEvent;

    /// <summary>A run reached its target epoch with this validation accuracy (not finite counts as a failure).</summary>
    public sealed record TrialCompleted(int TrialId, int Attempt, double ValAccuracy) : TuningEvent;

    /// <summary>The run failed in a way a retry would repeat (NaN loss, exception): the worst score, never promoted.</summary>
    public sealed record TrialFailed(int TrialId, int Attempt, string Reason) : TuningEvent;

    /// <summary>The run's worker died or missed its deadline: the run is given out again from its last checkpoint.</summary>
    public sealed record TrialLost(int TrialId, int Attempt) : TuningEvent;

    /// <summary>
    /// The coordinator stopped while the run was out (a crash, a restart): the run is given out again from its last
    /// checkpoint, and this attempt does not count against the trial's retry limit.
    /// </summary>
    public sealed record TrialInterrupted(int TrialId, int Attempt) : TuningEvent;
}
