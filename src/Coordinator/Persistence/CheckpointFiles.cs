using Tuner.Shared.Files;

namespace Tuner.Coordinator.Persistence;

/// <summary>
/// The checkpoints live trials need, one file each under the study's <c>checkpoints/</c> folder, so that they outlive
/// the coordinator. Written atomically: a file either holds a whole checkpoint or does not exist.
/// </summary>
public sealed class CheckpointFiles(string directory)
{
    private const string Extension = ".ckpt";

    public string Directory { get; } = directory;

    public void Save(string checkpointId, byte[] bytes) => AtomicFile.Write(PathOf(checkpointId), stream => stream.Write(bytes));

    public byte[]? Load(string checkpointId)
    {
        try
        {
            return File.ReadAllBytes(PathOf(checkpointId));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public void Delete(string checkpointId) => File.Delete(PathOf(checkpointId));

    /// <summary>Checkpoints on disk, including any a crash left behind before its result was journaled.</summary>
    public IReadOnlyList<string> Ids() =>
        System.IO.Directory.Exists(Directory)
            ? [.. System.IO.Directory.EnumerateFiles(Directory, "*" + Extension).Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)]
            : [];

    private string PathOf(string checkpointId) => Path.Combine(Directory, checkpointId + Extension);
}
