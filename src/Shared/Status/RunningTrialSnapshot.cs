namespace Tuner.Shared.Status;

/// <summary>A trial being trained now: where, which epochs, and the last epoch it reported.</summary>
public sealed record RunningTrialSnapshot(int TrialId, int Attempt, string WorkerId, int Bracket, int Rung, int FromEpoch, int ToEpoch, int? EpochReached, double? ValidationAccuracy);
