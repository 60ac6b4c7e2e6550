namespace Tuner.Shared.Protocol;

/// <summary>The coordinator counted (or, for a stale attempt, deliberately ignored) a result: stop re-sending it.</summary>
public sealed record TrialFinishedAcknowledged(int TrialId, int Attempt) : IProtocolMessage;
