using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.Reporting;

/// <summary>
/// One line of results.csv and results.json: one rung run of one trial. Metrics are those of the run's last epoch
/// (the one its rung judged) and missing when the run failed before finishing an epoch.
/// </summary>
public sealed record ResultRow(
    string Study,
    int TrialId,
    int Bracket,
    int Rung,
    int FromEpoch,
    int ToEpoch,
    string WorkerId,
    TrialEnd Status,
    double? ValidationAccuracy,
    double? ValidationLoss,
    double? Accuracy,
    double? Loss,
    double Seconds,
    bool Promoted,
    HyperparameterSet Hyperparameters)
{
    /// <summary>The columns before the hyperparameters, as pandas and a spreadsheet see them.</summary>
    public static IReadOnlyList<string> FixedColumns { get; } =
    [
        "study", "trial", "bracket", "rung", "from_epoch", "to_epoch", "worker", "status",
        "val_accuracy", "val_loss", "accuracy", "loss", "seconds", "promoted",
    ];

    public static IReadOnlyList<ResultRow> From(StudyResults results) =>
        [.. results.Trials.OrderBy(t => t.TrialId).SelectMany(trial => trial.Runs.OrderBy(r => r.Rung).Select(run => From(results.Study.Name, trial, run)))];

    /// <summary>Every hyperparameter any row has, in name order: conditional ones are empty where inactive.</summary>
    public static IReadOnlyList<string> HyperparameterColumns(IEnumerable<ResultRow> rows) =>
        [.. rows.SelectMany(row => row.Hyperparameters.Values.Keys).Distinct().Order(StringComparer.Ordinal)];

    private static ResultRow From(string study, TrialRecord trial, RungRunRecord run)
    {
        var last = run.LastEpoch;
        return new ResultRow(
            study, trial.TrialId, trial.Bracket, run.Rung, run.FromEpoch, run.ToEpoch, run.WorkerId, trial.Status,
            last?.ValidationAccuracy, last?.ValidationLoss, last?.TrainAccuracy, last?.TrainLoss,
            run.Duration.TotalSeconds, run.Promoted, trial.Hyperparameters);
    }
}
