using Tuner.Shared.Hyperparameters;

namespace Tuner.Shared.Protocol;

/// <summary>
/// Run a trial from <see cref="FromEpoch"/> to <see cref="ToEpoch"/>. When <see cref="Checkpoint"/> is given, the
/// worker continues from it: a small one comes along in <see cref="CheckpointBytes"/>, a larger one the worker fetches
/// from the sender by chunks. <see cref="Attempt"/> tells results of a re-issued
/// trial apart from late results of an earlier attempt. An assignment given to the slot a result freed carries that
/// result's acknowledgement in <see cref="Acknowledges"/>: one message each way per result.
/// </summary>
public sealed record TrialAssignment(
    int TrialId,
    int Attempt,
    int Bracket,
    int Rung,
    HyperparameterSet Hyperparameters,
    int FromEpoch,
    int ToEpoch,
    long Seed,
    CheckpointManifest? Checkpoint,
    byte[]? CheckpointBytes = null,
    TrialFinishedAcknowledged? Acknowledges = null) : IProtocolMessage;
