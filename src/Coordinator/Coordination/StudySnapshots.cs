using Tuner.Coordinator.Scheduling;
using Tuner.Shared.Protocol;
using Tuner.Shared.Status;
using Tuner.Shared.Trials;

namespace Tuner.Coordinator.Coordination;

/// <summary>Builds the picture of a running study from the engine's status and what the coordinator knows of its runs.</summary>
public static class StudySnapshots
{
    public static StudySnapshot From(
        string study,
        EngineStatus status,
        int epochsPlanned,
        TimeSpan elapsed,
        int workers,
        IEnumerable<(TrialAssignment Assignment, string WorkerId, EpochMetrics? Last)> running) =>
        new(
            study,
            status.Schedule.Kind.ToString().ToLowerInvariant(),
            elapsed.TotalSeconds,
            status.Finished,
            status.EpochsTrained,
            epochsPlanned,
            workers,
            [.. status.Brackets.SelectMany(b => b.Rungs.Select((r, i) => new RungSnapshot(b.Iteration, b.Bracket, i, r.Epochs, r.PlannedSize, r.Members.Length, r.Reported, r.Running)))],
            [.. running
                .OrderBy(r => r.Assignment.TrialId)
                .Select(r => new RunningTrialSnapshot(r.Assignment.TrialId, r.Assignment.Attempt, r.WorkerId, r.Assignment.Bracket, r.Assignment.Rung, r.Assignment.FromEpoch, r.Assignment.ToEpoch, r.Last?.Epoch, r.Last?.ValidationAccuracy))],
            status.Best is { } best ? new BestSnapshot(best.TrialId, best.ValAccuracy, best.Epochs, best.Hyperparameters) : null);
}
