using System.CommandLine;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Tuner.Coordinator.Commands;
using Tuner.TrialWorker.Commands;
using Tuner.TrialWorker.Data;

namespace Tuner.Coordinator.Tests.Commands;

public sealed class DescribeCommandTests : IDisposable
{
    private readonly SyntheticIdx data = new();

    public void Dispose() => data.Dispose();

    private static (int ExitCode, string Output, string Error) Run(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = TunerCommandLine.Build().Parse(["describe", .. arguments]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string[] OwnFiles(string[] paths) =>
        ["--train-images", paths[0], "--train-labels", paths[1], "--test-images", paths[2], "--test-labels", paths[3]];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Describe_prints_shapes_and_class_tables_and_writes_the_image(bool gzip)
    {
        // Train: four 7s, three 2s, one 0. Test: three 1s, two 4s, one 6; the odd classes 1 and 6 give validation
        // the extra 1 and test the extra 6.
        var files = data.WriteDataset([7, 2, 7, 0, 2, 7, 2, 7], [1, 4, 1, 6, 4, 1], gzip);
        var image = data.Path("out/seven.png");

        var (exitCode, output, error) = Run([.. OwnFiles(files), "--image-index", "3", "--image-out", image]);

        Assert.Equal("", error);
        Assert.Equal(0, exitCode);
        Assert.Equal(
            $"""
            Train set
            (8, 28, 28)
            (8,)

            7 : 50.00
            2 : 37.50
            0 : 12.50

            Validation set
            (3, 28, 28)
            (3,)

            1 : 66.67
            4 : 33.33

            Test set
            (3, 28, 28)
            (3,)

            1 : 33.33
            4 : 33.33
            6 : 33.33

            Training image 3 written to {image}
            Label of the image shown : 0

            """,
            output);
        using var png = Image.Load<L8>(image);
        Assert.Equal((224, 224), (png.Width, png.Height));
        Assert.Equal(3, png[100, 100].PackedValue);
    }

    [Fact]
    public void A_bad_file_ends_with_its_message_and_exit_code_1()
    {
        var files = data.WriteDataset([1, 2], [3, 4], gzip: false);
        File.WriteAllBytes(files[1], [0, 0, 8, 1, 0, 0]);

        var (exitCode, output, error) = Run([.. OwnFiles(files), "--image-out", data.Path("x.png")]);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Contains($"'{files[1]}' ends before dimension 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_index_outside_the_training_set_is_refused()
    {
        var files = data.WriteDataset([1, 2], [3, 4], gzip: false);

        var (exitCode, _, error) = Run([.. OwnFiles(files), "--image-index", "2", "--image-out", data.Path("x.png")]);

        Assert.Equal(1, exitCode);
        Assert.Contains("--image-index 2 is outside the training set; give a number from 0 to 1", error, StringComparison.Ordinal);
        Assert.False(File.Exists(data.Path("x.png")));
    }

    [Fact]
    public void An_image_path_that_cannot_be_written_is_reported()
    {
        var files = data.WriteDataset([1, 2], [3, 4], gzip: false);
        var blocker = data.Write("blocker", [], gzip: false);

        var (exitCode, _, error) = Run([.. OwnFiles(files), "--image-index", "0", "--image-out", Path.Combine(blocker, "x.png")]);

        Assert.Equal(1, exitCode);
        Assert.Contains("choose another --image-out", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Some_but_not_all_own_files_is_a_parse_error()
    {
        var result = TunerCommandLine.Build().Parse(["describe", "--train-images", "a", "--test-labels", "b"]);

        var message = Assert.Single(result.Errors).Message;
        Assert.Contains("--train-labels, --test-images missing", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_dataset_is_a_parse_error()
    {
        Assert.NotEmpty(TunerCommandLine.Build().Parse(["describe", "--dataset", "cifar"]).Errors);
    }

    [Fact]
    public void The_data_options_become_data_options()
    {
        var options = new DataCommandOptions();
        var command = new Command("x");
        options.AddTo(command);

        var read = options.Read(command.Parse(["--dataset", "fashion-mnist", "--data-dir", "/d", "--split-seed", "7"]));

        Assert.Equal(new DataOptions { Dataset = DatasetName.FashionMnist, DataDirectory = "/d", SplitSeed = 7 }, read);
    }

    [Fact]
    public void Describe_on_the_cached_mnist_reproduces_the_seeds_tables()
    {
        var cached = Path.Combine(DataDirectory.Resolve(null), "mnist");
        Assert.SkipWhen(!DatasetFiles.In(cached).All.All(File.Exists), $"MNIST is not in the cache at {cached}; run `tuner describe` once to fetch it.");

        var (exitCode, output, _) = Run("--image-out", data.Path("500.png"));

        Assert.Equal(0, exitCode);
        Assert.StartsWith(SeedTables, output, StringComparison.Ordinal);
        Assert.EndsWith("Label of the image shown : 3\n", output, StringComparison.Ordinal);
    }

    // The seed's printout (its headings translated), with validation = its X_val and test = its X_test.
    private const string SeedTables = """
        Train set
        (60000, 28, 28)
        (60000,)

        1 : 11.24
        7 : 10.44
        3 : 10.22
        2 : 9.93
        9 : 9.92
        0 : 9.87
        6 : 9.86
        8 : 9.75
        4 : 9.74
        5 : 9.04

        Validation set
        (5000, 28, 28)
        (5000,)

        1 : 11.36
        2 : 10.32
        7 : 10.28
        3 : 10.10
        9 : 10.08
        4 : 9.82
        0 : 9.80
        8 : 9.74
        6 : 9.58
        5 : 8.92

        Test set
        (5000, 28, 28)
        (5000,)

        1 : 11.34
        2 : 10.32
        7 : 10.28
        3 : 10.10
        9 : 10.10
        4 : 9.82
        0 : 9.80
        8 : 9.74
        6 : 9.58
        5 : 8.92

        """;
}
