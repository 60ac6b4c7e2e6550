namespace Tuner.Coordinator.Persistence;

/// <summary>A run that was out when the coordinator stopped; given out again without counting against the retry limit.</summary>
public sealed record RunInterrupted(int TrialId, int Attempt) : IStudyJournalEntry;
