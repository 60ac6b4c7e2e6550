using Tuner.Shared.Trials;

namespace Tuner.Shared.Protocol;

/// <summary>
/// A trial attempt ended. When it succeeded, <see cref="Checkpoint"/> describes the state reached, which the
/// coordinator fetches from the sender before it acknowledges and counts the result.
/// </summary>
public sealed record TrialFinished(int TrialId, int Attempt, string WorkerId, TrialOutcome Outcome, CheckpointManifest? Checkpoint) : IProtocolMessage;
