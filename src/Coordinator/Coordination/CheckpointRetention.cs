using Tuner.Coordinator.Scheduling;

namespace Tuner.Coordinator.Coordination;

/// <summary>Which checkpoints a study still needs, and how they are named.</summary>
public static class CheckpointRetention
{
    public static string CheckpointId(CheckpointReference reference) => $"trial-{reference.TrialId}-epoch-{reference.Epoch}";

    /// <summary>
    /// A trial needs only its latest checkpoint, and only while it may still run: queued again after a loss, running,
    /// or stopped at a rung whose promotions are not all decided yet. The best run's is kept for the final evaluation.
    /// </summary>
    public static IReadOnlySet<string> Needed(EngineStatus status)
    {
        var brackets = status.Brackets.ToDictionary(b => (b.Iteration, b.Bracket));
        var needed = new HashSet<string>(StringComparer.Ordinal);
        if (status.Best is { } best)
        {
            needed.Add(CheckpointId(new CheckpointReference(best.TrialId, best.Epochs)));
        }
        foreach (var trial in status.Trials.Where(t => t.Scores.Length > 0 && t.Outcome is not (TrialOutcome.Completed or TrialOutcome.Failed)))
        {
            var rungs = brackets[(trial.Iteration, trial.Bracket)].Rungs;
            var reached = trial.Scores.Length - 1;
            var promotionsDecided = trial.Outcome == TrialOutcome.Stopped && reached + 1 < rungs.Length &&
                rungs[reached + 1].Members.Length >= rungs[reached + 1].PlannedSize;
            if (!promotionsDecided)
            {
                needed.Add(CheckpointId(new CheckpointReference(trial.TrialId, rungs[reached].Epochs)));
            }
        }
        return needed;
    }
}
