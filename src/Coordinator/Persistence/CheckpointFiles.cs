using Tuner.Shared.Files;

namespace Tuner.Coordinator.Persistence;

/// <summary>
/// The large checkpoints live trials need, one file each under the study's <c>checkpoints/</c> folder, so that they
/// outlive the coordinator (small ones live in the journal, so the folder may not exist). Written atomically: a file
/// either holds a whole checkpoint or does not exist.
/// </summary>
/// <param name="directory">The study's <c>checkpoints/</c> folder.</param>
/// <param name="unsyncedLog">See <see cref="StudyStorage.UnsyncedLog"/>.</param>
public sealed class CheckpointFiles(string directory, string? unsyncedLog = null)
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

    /// <summary>
    /// Deletes the checkpoints' files where there are any, once the journal entries written so far are on disk: the
    /// entry that made a checkpoint unneeded must not be lost to a power cut that keeps the deletion.
    /// </summary>
    public void Delete(IEnumerable<string> checkpointIds)
    {
        var files = checkpointIds.Select(PathOf).Where(File.Exists).ToList();
        if (files.Count == 0)
        {
            return;
        }
        if (unsyncedLog is not null)
        {
            SqliteDurability.Sync(unsyncedLog);
        }
        foreach (var file in files)
        {
            File.Delete(file);
        }
    }

    /// <summary>Checkpoints on disk, including any a crash left behind before its result was journaled.</summary>
    public IReadOnlyList<string> Ids() =>
        System.IO.Directory.Exists(Directory)
            ? [.. System.IO.Directory.EnumerateFiles(Directory, "*" + Extension).Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)]
            : [];

    private string PathOf(string checkpointId) => Path.Combine(Directory, checkpointId + Extension);
}
