namespace Tuner.Coordinator.Reporting;

/// <summary>
/// Everything a finished study reports. <see cref="Best"/> is missing when no trial produced a score, and
/// <see cref="Retraining"/> when the study ended without retraining.
/// </summary>
public sealed record StudyResults(
    StudyRecord Study,
    IReadOnlyList<TrialRecord> Trials,
    IReadOnlyList<WorkerUtilisation> Workers,
    BestTrialRecord? Best,
    RetrainingRecord? Retraining);
