namespace Tuner.Coordinator.Persistence;

/// <summary>Where the coordinator keeps a study: its journal's persistence id, its checkpoint folder, and what to do with what is there.</summary>
public sealed record StudyStorage(string PersistenceId, string CheckpointDirectory, ExistingStudy Existing, int SnapshotEvery)
{
    public static StudyStorage In(string studyDirectory, string studyName, ExistingStudy existing, int snapshotEvery) =>
        new($"study-{studyName}", Path.Combine(studyDirectory, "checkpoints"), existing, snapshotEvery);
}
