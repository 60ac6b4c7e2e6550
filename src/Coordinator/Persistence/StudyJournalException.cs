namespace Tuner.Coordinator.Persistence;

/// <summary>The study's journal could not be read or written; the message says which and what the user can do.</summary>
public sealed class StudyJournalException(string message, Exception inner) : Exception(message, inner);
