namespace Tuner.Coordinator.Persistence;

/// <summary>The journal's first event: which study it holds, and when it started (elapsed time counts from here).</summary>
public sealed record StudyStarted(StudyDefinition Definition, DateTimeOffset At) : IStudyJournalEntry;
