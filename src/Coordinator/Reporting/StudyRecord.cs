namespace Tuner.Coordinator.Reporting;

/// <summary>What a study was: its schedule as planned, its seed and when it ran.</summary>
public sealed record StudyRecord(
    string Name,
    string ScheduleName,
    IReadOnlyList<BracketRecord> Brackets,
    long Seed,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    TimeSpan Elapsed,
    string Objective = "val_accuracy");
