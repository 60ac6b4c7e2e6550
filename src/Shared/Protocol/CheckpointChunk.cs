namespace Tuner.Shared.Protocol;

/// <summary>One chunk of a checkpoint, or <see cref="Missing"/> when the holder no longer has it.</summary>
public sealed record CheckpointChunk(string CheckpointId, int Index, byte[] Data, bool Missing = false) : IProtocolMessage;
