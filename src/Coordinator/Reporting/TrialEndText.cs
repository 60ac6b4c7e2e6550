namespace Tuner.Coordinator.Reporting;

/// <summary>The lower-case words the exports use for <see cref="TrialEnd"/>.</summary>
public static class TrialEndText
{
    public static string ToText(this TrialEnd end) => end switch
    {
        TrialEnd.Completed => "completed",
        TrialEnd.Stopped => "stopped",
        TrialEnd.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(end), end, "unknown trial end"),
    };

    public static TrialEnd Parse(string text) => text switch
    {
        "completed" => TrialEnd.Completed,
        "stopped" => TrialEnd.Stopped,
        "failed" => TrialEnd.Failed,
        _ => throw new FormatException($"trial status '{text}' is not one of completed, stopped, failed"),
    };
}
