using System.Text.Json.Serialization;
using Tuner.Shared.Trials;

namespace Tuner.Coordinator.Reporting;

/// <summary>
/// One rung run of a trial: trained from <see cref="FromEpoch"/> (epochs already done, 0 for a fresh start) up to
/// <see cref="ToEpoch"/> on one worker, and whether the scheduler then promoted it to the next rung.
/// </summary>
public sealed record RungRunRecord(
    int Rung,
    int FromEpoch,
    int ToEpoch,
    string WorkerId,
    IReadOnlyList<EpochMetrics> Epochs,
    bool Promoted)
{
    /// <summary>The epoch the rung was judged on; none when the run failed before finishing one.</summary>
    [JsonIgnore]
    public EpochMetrics? LastEpoch => Epochs.Count == 0 ? null : Epochs.MaxBy(e => e.Epoch);

    [JsonIgnore]
    public TimeSpan Duration => Epochs.Aggregate(TimeSpan.Zero, (total, epoch) => total + epoch.Duration);
}
