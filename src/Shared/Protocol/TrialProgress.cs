using Tuner.Shared.Trials;

namespace Tuner.Shared.Protocol;

/// <summary>One epoch of a running trial.</summary>
public sealed record TrialProgress(int TrialId, int Attempt, string WorkerId, EpochMetrics Metrics) : IProtocolMessage;
