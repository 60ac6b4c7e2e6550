namespace Tuner.Shared.Protocol;

/// <summary>A worker asks for as many trials as it has free slots.</summary>
public sealed record RequestTrial(string WorkerId, int FreeSlots) : IProtocolMessage;
