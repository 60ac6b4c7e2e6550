namespace Tuner.Coordinator.Scheduling;

public enum TrialPhase
{
    /// <summary>Waiting for a worker to run its current rung.</summary>
    Queued,

    Running,

    /// <summary>Has its result for its current rung: waits for promotion, or is done when no promotion comes.</summary>
    Reported,

    Failed,
}
