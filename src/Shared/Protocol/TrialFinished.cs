using Tuner.Shared.Trials;

namespace Tuner.Shared.Protocol;

/// <summary>
/// A trial attempt ended. When it succeeded, <see cref="Checkpoint"/> describes the state reached: a small one comes
/// along in <see cref="CheckpointBytes"/> (<see cref="Checkpoints.CheckpointShelf.InlineLimit"/>), a larger one the
/// coordinator fetches from the sender by chunks, before it acknowledges and counts the result.
/// </summary>
public sealed record TrialFinished(int TrialId, int Attempt, string WorkerId, TrialOutcome Outcome, CheckpointManifest? Checkpoint, byte[]? CheckpointBytes = null) : IProtocolMessage;
