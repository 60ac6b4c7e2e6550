using System.Text.Json.Serialization;
using Tuner.Shared.Hyperparameters;
using Tuner.Shared.Trials;

namespace Tuner.Coordinator.Reporting;

/// <summary>One trial as the study ended it: its configuration, how it ended, and every rung run it made.</summary>
public sealed record TrialRecord(
    int TrialId,
    int Bracket,
    HyperparameterSet Hyperparameters,
    TrialEnd Status,
    string? FailureReason,
    IReadOnlyList<RungRunRecord> Runs)
{
    /// <summary>Every epoch trained, in order, across promotions.</summary>
    [JsonIgnore]
    public IEnumerable<EpochMetrics> Epochs => Runs.SelectMany(run => run.Epochs).OrderBy(epoch => epoch.Epoch);

    /// <summary>The trial's score as Keras Tuner keeps it: the best validation accuracy of any epoch.</summary>
    [JsonIgnore]
    public double? BestValidationAccuracy => Epochs.Select(e => (double?)e.ValidationAccuracy).Max();

    [JsonIgnore]
    public int EpochsReached => Runs.Count == 0 ? 0 : Runs.Max(run => run.LastEpoch?.Epoch ?? run.FromEpoch);
}
