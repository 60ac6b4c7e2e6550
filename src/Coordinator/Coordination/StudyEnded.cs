using Tuner.Coordinator.Scheduling;

namespace Tuner.Coordinator.Coordination;

/// <summary>
/// What a finished study leaves: the engine's final picture (best trial included), how long it took, who did what,
/// every run, and the checkpoint of the best run (null when no run succeeded).
/// </summary>
public sealed record StudyEnded(EngineStatus Status, TimeSpan Elapsed, IReadOnlyDictionary<string, WorkerUsage> Workers, IReadOnlyList<RunRecord> Runs, byte[]? BestCheckpoint)
{
    /// <summary>The journal said the study had finished before this run of the coordinator: nothing was trained now.</summary>
    public bool AlreadyFinished { get; init; }
}
