namespace Tuner.Coordinator.Scheduling;

/// <summary>Where a trial stands; at the end of a study every trial is Completed, Stopped or Failed.</summary>
public enum TrialOutcome
{
    Queued,
    Running,

    /// <summary>Reported at a rung below its bracket's last and not promoted (yet, while the study runs).</summary>
    Stopped,

    /// <summary>Reported at its bracket's last rung.</summary>
    Completed,
    Failed,
}
