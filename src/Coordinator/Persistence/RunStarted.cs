namespace Tuner.Coordinator.Persistence;

/// <summary>
/// The engine gave out this run. Replaying tells a fresh engine to give out this trial's queued run again: the engine is
/// deterministic, so only the fact that a run was given out needs keeping, and naming the trial (rather than asking for
/// the next run) lets a journal written under an earlier order of work replay.
/// </summary>
public sealed record RunStarted(int TrialId, int Attempt) : IStudyJournalEntry;
