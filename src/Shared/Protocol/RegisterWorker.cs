namespace Tuner.Shared.Protocol;

/// <summary>A worker announces itself, and repeats it on a timer: that is also how it finds a coordinator that moved.</summary>
public sealed record RegisterWorker(string WorkerId, int ProtocolVersion, int Slots) : IProtocolMessage;
