namespace Tuner.Shared.Protocol;

/// <summary>Asks the holder of a checkpoint for one chunk; chunks keep every message well under remoting's frame size.</summary>
public sealed record RequestCheckpointChunk(string CheckpointId, int Index) : IProtocolMessage;
