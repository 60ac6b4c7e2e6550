namespace Tuner.Coordinator.Persistence;

/// <summary>The engine said the study is over and every run was counted; a restart only reports it again.</summary>
public sealed record StudyCompleted(DateTimeOffset At) : IStudyJournalEntry;
