using System.Globalization;
using Tuner.Coordinator.Scheduling;

namespace Tuner.Coordinator.Coordination;

/// <summary>How checkpoints are named; which of them a study still needs is the engine's to say (<see cref="HyperbandEngine.NeedsCheckpoint"/>).</summary>
public static class CheckpointRetention
{
    public static string CheckpointId(CheckpointReference reference) => $"trial-{reference.TrialId}-epoch-{reference.Epoch}";

    /// <summary>The checkpoint an id names; ids come only from <see cref="CheckpointId"/>.</summary>
    public static CheckpointReference Reference(string checkpointId)
    {
        var parts = checkpointId.Split('-');
        return parts is ["trial", var trial, "epoch", var epoch]
            ? new CheckpointReference(int.Parse(trial, CultureInfo.InvariantCulture), int.Parse(epoch, CultureInfo.InvariantCulture))
            : throw new FormatException($"'{checkpointId}' is not a checkpoint id like trial-7-epoch-3");
    }
}
