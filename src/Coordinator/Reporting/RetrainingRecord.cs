using Tuner.Shared.Trials;

namespace Tuner.Coordinator.Reporting;

/// <summary>The best configuration retrained from scratch: its history and its one evaluation on the test split.</summary>
public sealed record RetrainingRecord(IReadOnlyList<EpochMetrics> History, double TestAccuracy, double TestLoss);
