using Tuner.Shared.Files;

namespace Tuner.Coordinator.Persistence;

/// <summary>
/// The large checkpoints live trials need, one file each under the study's <c>checkpoints/</c> folder, so that they
/// outlive the coordinator (small ones live in the journal, so the folder may not exist). Written atomically: a file
/// either holds a whole checkpoint or does not exist.
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
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Deletes the checkpoint's file if there is one.</summary>
    public void Delete(string checkpointId)
    {
        if (System.IO.Directory.Exists(Directory))
        {
            File.Delete(PathOf(checkpointId));
        }
    }

    /// <summary>Checkpoints on disk, including any a crash left behind before its result was journaled.</summary>
    public IReadOnlyList<string> Ids() =>
        System.IO.Directory.Exists(Directory)
            ? [.. System.IO.Directory.EnumerateFiles(Directory, "*" + Extension).Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)]
            : [];

    private string PathOf(string checkpointId) => Path.Combine(Directory, checkpointId + Extension);
}
