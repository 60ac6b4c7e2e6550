namespace Tuner.Shared.Protocol;

/// <summary>The coordinator gave this attempt to another worker or no longer needs it: stop training it.</summary>
public sealed record CancelTrial(int TrialId, int Attempt) : IProtocolMessage;
