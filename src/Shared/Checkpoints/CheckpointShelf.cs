using System.Security.Cryptography;
using Tuner.Shared.Protocol;

namespace Tuner.Shared.Checkpoints;

/// <summary>
/// The checkpoints one node holds for others to fetch, served in chunks small enough for remoting's frame size
/// (128,000 bytes by default; a chunk of 60,000 bytes is about 80,000 as JSON).
/// </summary>
public sealed class CheckpointShelf
{
    public const int ChunkSize = 60_000;

    /// <summary>
    /// A checkpoint up to this size travels inside the message that announces it (about 44,000 bytes as base64 JSON,
    /// well under the frame), which saves a chunk round trip per result; real models are larger and go by chunks.
    /// </summary>
    public const int InlineLimit = 32 * 1024;

    private readonly Dictionary<string, byte[]> _checkpoints = new(StringComparer.Ordinal);

    public int Count => _checkpoints.Count;

    public long Bytes => _checkpoints.Values.Sum(bytes => (long)bytes.Length);

    public CheckpointManifest Put(string checkpointId, byte[] bytes)
    {
        _checkpoints[checkpointId] = bytes;
        return Describe(checkpointId, bytes);
    }

    public bool TryGet(string checkpointId, out byte[] bytes) => _checkpoints.TryGetValue(checkpointId, out bytes!);

    public void Remove(string checkpointId) => _checkpoints.Remove(checkpointId);

    public IReadOnlyCollection<string> Ids => _checkpoints.Keys;

    public CheckpointChunk Chunk(string checkpointId, int index)
    {
        if (!_checkpoints.TryGetValue(checkpointId, out var bytes) || index < 0 || index >= ChunkCount(bytes.Length))
        {
            return new CheckpointChunk(checkpointId, index, [], Missing: true);
        }
        var start = index * ChunkSize;
        return new CheckpointChunk(checkpointId, index, bytes[start..Math.Min(bytes.Length, start + ChunkSize)]);
    }

    public static CheckpointManifest Describe(string checkpointId, byte[] bytes) =>
        new(checkpointId, bytes.Length, ChunkCount(bytes.Length), Convert.ToHexStringLower(SHA256.HashData(bytes)));

    /// <summary>The bytes to send inside a message, or null when the checkpoint is too large and goes by chunks.</summary>
    public static byte[]? Inline(byte[] bytes) => bytes.Length <= InlineLimit ? bytes : null;

    /// <summary>Whether bytes that came inline are the checkpoint <paramref name="manifest"/> describes.</summary>
    public static bool Matches(CheckpointManifest manifest, byte[] bytes) => Describe(manifest.CheckpointId, bytes) == manifest;

    public static int ChunkCount(long length) => (int)Math.Max(1, (length + ChunkSize - 1) / ChunkSize);
}
