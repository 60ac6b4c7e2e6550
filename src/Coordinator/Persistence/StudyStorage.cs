namespace Tuner.Coordinator.Persistence;

/// <summary>Where the coordinator keeps a study: its journal's persistence id, its checkpoint folder, and what to do with what is there.</summary>
public sealed record StudyStorage(string PersistenceId, string CheckpointDirectory, ExistingStudy Existing, int SnapshotEvery)
{
    /// <summary>
    /// The write-ahead log of a journal that commits without an fsync (SQLite's, <see cref="SqliteDurability"/>), or
    /// null: synced before a checkpoint file is deleted, so that a power cut cannot keep the deletion and lose the
    /// journal entry that made the checkpoint unneeded.
    /// </summary>
    public string? UnsyncedLog { get; init; }

    public static StudyStorage In(string studyDirectory, string studyName, ExistingStudy existing, int snapshotEvery) =>
        new($"study-{studyName}", Path.Combine(studyDirectory, "checkpoints"), existing, snapshotEvery);
}
