using Tuner.Shared.Hyperparameters;
using Tuner.Shared.Trials;
using Tuner.TrialWorker.Training;

namespace Tuner.Coordinator.FinalModel;

/// <summary>
/// The seed's ending: the best hyperparameters retrained from scratch for a fixed number of epochs, with the history
/// recorded, then evaluated once on the held-out test split.
/// </summary>
public static class FinalModelTrainer
{
    public static FinalModelResult Train(HyperparameterSet hyperparameters, PreparedDataset data, int epochs, long seed, int threads, Action<EpochMetrics> onEpoch, CancellationToken cancellation)
    {
        var trainer = new Trainer(new TrainerOptions(threads));
        using var session = TrialSession.Start(hyperparameters, data.Shape, seed);
        var history = trainer.Train(session, data, epochs, new EpochCallback(onEpoch), cancellation);
        if (!history.Succeeded)
        {
            return new FinalModelResult(hyperparameters, history, null, null);
        }
        var test = trainer.Evaluate(session, data, DataSplit.Test);
        return new FinalModelResult(hyperparameters, history, test, session.Checkpoint());
    }

    private sealed class EpochCallback(Action<EpochMetrics> report) : IProgress<EpochMetrics>
    {
        public void Report(EpochMetrics value) => report(value);
    }
}
