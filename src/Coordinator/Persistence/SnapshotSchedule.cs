namespace Tuner.Coordinator.Persistence;

/// <summary>
/// When the coordinator snapshots its study. A snapshot holds every run, so one is taken no more often than once per
/// run it holds: its cost per journal event stays constant as the study grows (at 12,000 runs, a snapshot every 100
/// events was half the coordinator's work), and recovery replays at most as many events as the snapshot holds runs.
/// </summary>
public static class SnapshotSchedule
{
    /// <summary>Whether the event just journaled, the <paramref name="eventsSinceSnapshot"/>th since the last snapshot, takes one.</summary>
    public static bool IsDue(long eventsSinceSnapshot, int snapshotEvery, int runs) =>
        eventsSinceSnapshot >= Math.Max(snapshotEvery, runs);
}
