using Tuner.Shared.Trials;

namespace Tuner.Shared.Protocol;

/// <summary>
/// A trial attempt ended. When it succeeded, <see cref="Checkpoint"/> describes the state reached: a small one comes
/// along in <see cref="CheckpointBytes"/> (<see cref="Checkpoints.CheckpointShelf.InlineLimit"/>), a larger one the
/// coordinator fetches from the sender by chunks, before it acknowledges and counts the result. A result is also its
/// worker's request for the slot it freed: the answer is the next assignment carrying the acknowledgement, or the
/// acknowledgement alone when there is no run to give.
/// </summary>
public sealed record TrialFinished(int TrialId, int Attempt, string WorkerId, TrialOutcome Outcome, CheckpointManifest? Checkpoint, byte[]? CheckpointBytes = null) : IProtocolMessage;
