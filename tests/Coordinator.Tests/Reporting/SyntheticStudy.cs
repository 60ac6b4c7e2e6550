using Tuner.Coordinator.Reporting;
using Tuner.Shared.Hyperparameters;
using Tuner.Shared.Trials;

namespace Tuner.Coordinator.Tests.Reporting;

/// <summary>
/// A small finished study: bracket 1 runs trials 1-4 for 2 epochs and promotes 1 and 3 to 4 epochs; bracket 0 runs
/// trials 5 and 6 for 4 epochs, and 6 fails after one epoch. Trial 3 is the best.
/// </summary>
internal static class SyntheticStudy
{
    public static readonly DateTimeOffset Started = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    public static StudyResults Create(string name = "mnist-small", bool retrained = true)
    {
        var study = new StudyRecord(
            name, "hyperband",
            [new BracketRecord(0, 1, [new RungRecord(4, 2), new RungRecord(2, 4)]), new BracketRecord(0, 0, [new RungRecord(2, 4)])],
            Seed: 42, Started, Started.AddMinutes(13).AddSeconds(9), new TimeSpan(0, 13, 9));
        TrialRecord[] trials =
        [
            Promoted(1, 0.80, Hyperparameters(0.001, 2, "adam")),
            Stopped(2, 0.70, Hyperparameters(0.01, 3, "sgd")),
            Promoted(3, 0.85, Hyperparameters(0.0001, 2, "adam, \"fast\"")),
            Stopped(4, 0.60, Hyperparameters(1.0, 4, "line\nbreak")),
            new TrialRecord(5, 0, Hyperparameters(0.001, 3, "adamw"), TrialEnd.Completed, null,
                [new RungRunRecord(0, 0, 4, "worker-b", Epochs(5, 0.75, 1, 4), false)]),
            new TrialRecord(6, 0, Hyperparameters(0.01, 2, "sgd"), TrialEnd.Failed, "loss became NaN, <script>alert(1)</script>",
                [new RungRunRecord(0, 0, 4, "worker-a", Epochs(6, 0.40, 1, 1), false)]),
        ];
        WorkerUtilisation[] workers = [new("worker-a", new TimeSpan(0, 6, 0), 5), new("worker-b", new TimeSpan(0, 9, 30), 3)];
        var best = new BestTrialRecord(3, trials[2].Hyperparameters, trials[2].BestValidationAccuracy!.Value);
        var retraining = retrained
            ? new RetrainingRecord([.. Enumerable.Range(1, 6).Select(e => Epoch(e, 0.90 + e * 0.01, 0.5 / e))], 0.9747, 0.1607)
            : null;
        return new StudyResults(study, trials, workers, best, retraining);
    }

    private static TrialRecord Promoted(int id, double start, HyperparameterSet hyperparameters) =>
        new(id, 1, hyperparameters, TrialEnd.Completed, null,
        [
            new RungRunRecord(0, 0, 2, "worker-a", Epochs(id, start, 1, 2), true),
            new RungRunRecord(1, 2, 4, "worker-b", Epochs(id, start, 3, 4), false),
        ]);

    private static TrialRecord Stopped(int id, double start, HyperparameterSet hyperparameters) =>
        new(id, 1, hyperparameters, TrialEnd.Stopped, null, [new RungRunRecord(0, 0, 2, "worker-a", Epochs(id, start, 1, 2), false)]);

    private static EpochMetrics[] Epochs(int trial, double start, int first, int last) =>
        [.. Enumerable.Range(first, last - first + 1).Select(e => Epoch(e, start + e * 0.02 + trial * 0.001, 1.0 / (e + trial)))];

    private static EpochMetrics Epoch(int epoch, double validationAccuracy, double loss) =>
        new(epoch, loss * 1.1, validationAccuracy - 0.01, loss, validationAccuracy, TimeSpan.FromSeconds(2.5 + epoch * 0.125));

    /// <summary>Two, three or four layers: num_units_2 and num_units_3 are conditional, as in the seed.</summary>
    private static HyperparameterSet Hyperparameters(double learningRate, int layers, string optimizer) =>
        Enumerable.Range(0, layers).Aggregate(
            HyperparameterSet.Empty
                .With("learning_rate", new HyperparameterValue.RealNumber(learningRate))
                .With("num_layers", new HyperparameterValue.WholeNumber(layers))
                .With("optimizer", new HyperparameterValue.Word(optimizer))
                .With("batch_norm", new HyperparameterValue.Flag(layers % 2 == 0)),
            (set, i) => set.With($"num_units_{i}", new HyperparameterValue.WholeNumber(15 * (i + 1))));
}
