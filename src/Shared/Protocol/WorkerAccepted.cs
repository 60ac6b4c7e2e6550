namespace Tuner.Shared.Protocol;

/// <summary>The coordinator accepted the worker.</summary>
public sealed record WorkerAccepted(string StudyName) : IProtocolMessage;
