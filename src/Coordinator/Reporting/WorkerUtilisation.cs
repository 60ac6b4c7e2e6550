namespace Tuner.Coordinator.Reporting;

/// <summary>What one worker did for a study: time spent training and how many trials it ran.</summary>
public sealed record WorkerUtilisation(string WorkerId, TimeSpan Busy, int TrialsRun);
