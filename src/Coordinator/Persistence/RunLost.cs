namespace Tuner.Coordinator.Persistence;

/// <summary>A run's worker died, went silent or stalled; the run counts against the trial's retry limit.</summary>
public sealed record RunLost(int TrialId, int Attempt) : IStudyJournalEntry;
