using System.CommandLine;
using Tuner.Coordinator.Commands;

namespace Tuner.Coordinator.Tests.Commands;

public sealed class TrialCommandTests : IDisposable
{
    private readonly SyntheticIdx data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public void A_trial_prints_each_epoch_and_the_test_accuracy()
    {
        var (exitCode, output, error) = Run(["--set", "num_layers=1", "--set", "num_units_0=8", "--epochs", "2", "--batch-size", "4"]);

        Assert.Equal("", error);
        Assert.Equal(0, exitCode);
        Assert.Contains("Epoch 1/2\n3/3 - ", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Epoch 2/2\n3/3 - ", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("batch size 4", output, StringComparison.Ordinal);
        Assert.Contains("Test (3 images) - accuracy: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Hyperparameters_come_from_a_json_file_too()
    {
        var file = data.Path("best.json");
        File.WriteAllText(file, """{"num_layers": 2, "num_units_0": 6, "num_units_1": 5, "learning_rate": 0.01}""");

        var (exitCode, output, _) = Run(["--hyperparameters", file, "--epochs", "1"]);

        Assert.Equal(0, exitCode);
        Assert.Contains("learning_rate=0.01, num_layers=2, num_units_0=6, num_units_1=5", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_impossible_assignment_is_refused_before_any_training()
    {
        var (exitCode, output, error) = Run(["--set", "num_layers=1", "--set", "num_units_0=8", "--set", "drop_0=1.5"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("'drop_0'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Epoch", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_hyperparameter_file_is_named()
    {
        var (exitCode, _, error) = Run(["--hyperparameters", data.Path("absent.json")]);

        Assert.Equal(1, exitCode);
        Assert.Contains("absent.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_diverging_trial_exits_with_its_reason()
    {
        var (exitCode, output, _) = Run(["--set", "num_layers=1", "--set", "num_units_0=8", "--set", "optimizer=sgd", "--set", "learning_rate=1e30", "--epochs", "3", "--batch-size", "2"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("Trial failed: ", output, StringComparison.Ordinal);
        Assert.Contains("diverged", output, StringComparison.Ordinal);
    }

    private (int ExitCode, string Output, string Error) Run(string[] arguments)
    {
        // Ten training images; the test half-split gives 3 validation and 3 test images.
        var files = data.WriteDataset([7, 2, 7, 0, 2, 7, 2, 7, 1, 1], [1, 4, 1, 6, 4, 1], gzip: false);
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] own = ["--train-images", files[0], "--train-labels", files[1], "--test-images", files[2], "--test-labels", files[3]];
        var exitCode = TunerCommandLine.Build().Parse(["trial", .. own, .. arguments]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
