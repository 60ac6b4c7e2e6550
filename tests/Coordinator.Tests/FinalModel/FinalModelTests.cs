using Tuner.Coordinator.FinalModel;
using Tuner.TrialWorker.Tests.Training;
using Tuner.TrialWorker.Training;

namespace Tuner.Coordinator.Tests.FinalModel;

public sealed class FinalModelTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"final-model-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void The_retrained_model_records_its_history_and_saves_weights_that_score_the_same_when_loaded()
    {
        using var data = PreparedDataset.From(SyntheticData.Learnable(512, 128, seed: 3));
        var hyperparameters = SyntheticData.Assignment(("learning_rate", 0.01), ("num_layers", 2), ("num_units_0", 32), ("num_units_1", 16));
        var epochs = new List<int>();

        var final = FinalModelTrainer.Train(hyperparameters, data, 3, seed: 5, threads: 1, metrics => epochs.Add(metrics.Epoch), CancellationToken.None);
        SavedModel.Save(_directory, final);
        var (model, weights) = SavedModel.Load(_directory);
        using var restored = TrialSession.Resume(model.Hyperparameters, data.Shape, weights);
        var again = new Trainer().Evaluate(restored, data, DataSplit.Test);

        Assert.Equal([1, 2, 3], epochs);
        Assert.Equal(3, final.History.Epochs.Length);
        Assert.True(final.Test!.Accuracy > 0.5, $"test accuracy {final.Test.Accuracy}");
        Assert.Equal(hyperparameters, model.Hyperparameters);
        Assert.Equal(final.Test.Accuracy, model.TestAccuracy);
        Assert.Equal(final.Test.Accuracy, again.Accuracy);
    }

    [Fact]
    public void Loading_from_a_directory_without_a_model_says_what_is_missing()
    {
        var error = Assert.Throws<FileNotFoundException>(() => SavedModel.Load(_directory));

        Assert.Contains(SavedModel.DescriptionFile, error.Message, StringComparison.Ordinal);
    }
}
