namespace Tuner.Coordinator.Persistence;

/// <summary>
/// The engine gave out this run. Replaying asks a fresh engine for its next run, which is this one again: the engine
/// is deterministic, so only the fact that a run was given out needs keeping.
/// </summary>
public sealed record RunStarted(int TrialId, int Attempt) : IStudyJournalEntry;
