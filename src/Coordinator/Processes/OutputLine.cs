namespace Tuner.Coordinator.Processes;

/// <summary>One line a child process wrote, when it was read, and on which stream.</summary>
public sealed record OutputLine(DateTimeOffset Time, bool IsError, string Text)
{
    public override string ToString() => $"{Time:HH:mm:ss.fff} {(IsError ? "err" : "out")} {Text}";
}
