using Tuner.Coordinator.Coordination;
using Tuner.Coordinator.FinalModel;
using Tuner.Coordinator.Scheduling;

namespace Tuner.Coordinator.Reporting;

/// <summary>Turns what a finished study left (engine status, runs, workers, final model) into the report's records.</summary>
public static class StudyResultsBuilder
{
    public static StudyResults From(string studyName, long seed, StudyEnded ended, DateTimeOffset finishedAt, FinalModelResult? final)
    {
        var status = ended.Status;
        var study = new StudyRecord(
            studyName,
            status.Schedule.Kind.ToString().ToLowerInvariant(),
            [.. status.Brackets.Select(b => new BracketRecord(b.Iteration, b.Bracket, [.. b.Rungs.Select(r => new RungRecord(r.PlannedSize, r.Epochs))]))],
            seed,
            finishedAt - ended.Elapsed,
            finishedAt,
            ended.Elapsed);
        var runsByTrial = ended.Runs.ToLookup(run => run.TrialId);
        var trials = status.Trials.Select(trial =>
        {
            var runs = runsByTrial[trial.TrialId].OrderBy(run => run.Rung).ThenBy(run => run.Attempt).ToList();
            var highestRung = runs.Count == 0 ? -1 : runs.Max(run => run.Rung);
            return new TrialRecord(
                trial.TrialId,
                trial.Bracket,
                trial.Hyperparameters,
                trial.Outcome switch
                {
                    TrialOutcome.Completed => TrialEnd.Completed,
                    TrialOutcome.Failed => TrialEnd.Failed,
                    _ => TrialEnd.Stopped,
                },
                trial.FailureReason,
                [.. runs.Select(run => new RungRunRecord(run.Rung, run.FromEpoch, run.ToEpoch, run.WorkerId, run.Outcome.Epochs, run.Outcome.Succeeded && run.Rung < highestRung))]);
        }).ToList();
        var workers = ended.Workers.OrderBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => new WorkerUtilisation(w.Key, TimeSpan.FromSeconds(w.Value.BusySeconds), w.Value.Runs)).ToList();
        var best = status.Best is { } b ? new BestTrialRecord(b.TrialId, b.Hyperparameters, b.ValAccuracy) : null;
        var retraining = final is { Test: { } test } ? new RetrainingRecord(final.History.Epochs, test.Accuracy, test.Loss) : null;
        return new StudyResults(study, trials, workers, best, retraining);
    }
}
