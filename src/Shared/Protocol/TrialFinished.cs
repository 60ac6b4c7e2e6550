using Tuner.Shared.Trials;

namespace Tuner.Shared.Protocol;

/// <summary>
/// A trial attempt ended. On success <see cref="Checkpoint"/> describes the state reached, which the coordinator
/// fetches from the sender before it acknowledges; <see cref="FailureReason"/> is set when training failed.
/// </summary>
public sealed record TrialFinished(
    int TrialId,
    int Attempt,
    string WorkerId,
    IReadOnlyList<EpochMetrics> Epochs,
    double Seconds,
    CheckpointManifest? Checkpoint,
    string? FailureReason) : IProtocolMessage;
