namespace Tuner.Coordinator.Persistence;

/// <summary>Marks what the coordinator writes to its journal (events and snapshots), bound to <see cref="StudyJournalSerializer"/>.</summary>
public interface IStudyJournalEntry;
