using Tuner.Coordinator.Scheduling;

namespace Tuner.Coordinator.Coordination;

/// <summary>What a finished study leaves: the engine's final picture (best trial included) and how long it took.</summary>
public sealed record StudyEnded(EngineStatus Status, TimeSpan Elapsed, IReadOnlyDictionary<string, WorkerUsage> Workers, IReadOnlyList<RunRecord> Runs);
