namespace Tuner.Shared.Protocol;

/// <summary>A worker asks for as many trials as it has free slots (on joining, when woken, after a cancelled trial; a result asks for its own slot).</summary>
public sealed record RequestTrial(string WorkerId, int FreeSlots) : IProtocolMessage;
