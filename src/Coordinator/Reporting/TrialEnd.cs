namespace Tuner.Coordinator.Reporting;

/// <summary>How a trial ended when its study did.</summary>
public enum TrialEnd
{
    /// <summary>Reached its bracket's last rung.</summary>
    Completed,

    /// <summary>Not promoted past a lower rung.</summary>
    Stopped,
    Failed,
}
