namespace Tuner.Shared.Protocol;

/// <summary>Asks the coordinator for a <see cref="Status.StudySnapshot"/>: the `status` command and the live view send it.</summary>
public sealed record RequestStudyStatus : IProtocolMessage
{
    public static RequestStudyStatus Instance { get; } = new();
}
