namespace Tuner.Shared.Protocol;

/// <summary>The study is over; a worker may leave.</summary>
public sealed record StudyFinished(string StudyName) : IProtocolMessage;
