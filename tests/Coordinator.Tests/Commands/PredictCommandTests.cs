using System.CommandLine;
using Tuner.Coordinator.Commands;
using Tuner.Coordinator.FinalModel;
using Tuner.TrialWorker.Data;
using Tuner.TrialWorker.Tests.Training;
using Tuner.TrialWorker.Training;

namespace Tuner.Coordinator.Tests.Commands;

public sealed class PredictCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"predict-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = TunerCommandLine.Build().Parse(["predict", .. arguments]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_saved_model_classifies_image_files_as_it_classifies_the_same_images_in_memory()
    {
        var splits = SyntheticData.Learnable(1024, 64, seed: 11);
        using var data = PreparedDataset.From(splits);
        var hyperparameters = SyntheticData.Assignment(("learning_rate", 0.01), ("num_layers", 2), ("num_units_0", 32), ("num_units_1", 16));
        var final = FinalModelTrainer.Train(hyperparameters, data, 4, seed: 2, threads: 1, _ => { }, CancellationToken.None);
        var modelDirectory = Path.Combine(_directory, "model");
        SavedModel.Save(modelDirectory, final);
        var files = Enumerable.Range(0, 6).Select(i =>
        {
            var path = Path.Combine(_directory, $"digit-{i}.png");
            ImagePreview.WritePng(splits.Test, i, path, scale: 1);
            return path;
        }).ToArray();
        using var session = TrialSession.Resume(hyperparameters, data.Shape, final.Checkpoint!);
        var expected = Predictor.Classify(session, splits.Test).Take(6).Select(p => p.Label).ToArray();

        var (exitCode, output, error) = Run(["--model", modelDirectory, "--image", .. files]);

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        for (var i = 0; i < 6; i++)
        {
            Assert.StartsWith($"{files[i]}: {expected[i]} with probability", lines[i], StringComparison.Ordinal);
        }
        Assert.True(expected.Zip(splits.Test.Labels).Count(pair => pair.Item1 == pair.Item2) >= 4, "the model should have learned the synthetic classes");
    }

    [Fact]
    public void Asking_without_a_model_or_without_images_says_what_to_give()
    {
        var (missingModel, _, modelError) = Run("--model", _directory, "--image", "x.png");
        Directory.CreateDirectory(_directory);
        var (noInput, _, inputError) = Run("--model", _directory);

        Assert.Equal(1, missingModel);
        Assert.Contains("no saved model", modelError, StringComparison.Ordinal);
        Assert.Equal(1, noInput);
        Assert.Contains("holds no saved model", inputError, StringComparison.Ordinal);
    }
}
