using Tuner.Coordinator.Coordination;

namespace Tuner.Coordinator.Persistence;

/// <summary>A run failed in a way a retry would repeat.</summary>
public sealed record RunFailed(RunRecord Run, string Reason) : IStudyJournalEntry;
