using Tuner.Shared.Trials;

namespace Tuner.Coordinator.Coordination;

/// <summary>One rung run of one trial as it happened: where it ran, its epochs, and why it failed if it did.</summary>
public sealed record RunRecord(
    int TrialId,
    int Attempt,
    int Bracket,
    int Rung,
    int FromEpoch,
    int ToEpoch,
    string WorkerId,
    TrialOutcome Outcome);
