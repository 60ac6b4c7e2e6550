namespace Tuner.Shared.Protocol;

/// <summary>Names a checkpoint held by some node, with what a receiver needs to fetch and verify it.</summary>
public sealed record CheckpointManifest(string CheckpointId, long Length, int Chunks, string Sha256) : IProtocolMessage;
