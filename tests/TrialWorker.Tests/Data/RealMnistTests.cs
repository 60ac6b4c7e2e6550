using Tuner.TrialWorker.Data;

namespace Tuner.TrialWorker.Tests.Data;

/// <summary>Checks the seed's facts on the real files; runs only where MNIST is already in the cache (no download in tests).</summary>
public class RealMnistTests
{
    private static readonly string CachedMnist = Path.Combine(DataDirectory.Resolve(null), "mnist");

    private static bool Cached => DatasetFiles.In(CachedMnist).All.All(File.Exists);

    [Fact]
    public void The_cached_files_hold_the_seeds_first_labels_and_image_500()
    {
        Assert.SkipWhen(!Cached, $"MNIST is not in the cache at {CachedMnist}; run `tuner describe` once to fetch it.");

        var splits = DatasetSource.LoadSplits(new DataOptions { NpmCommand = "npm-must-not-be-run" });

        Assert.Equal([5, 0, 4, 1, 9, 2, 1, 3, 1, 4], splits.Train.Labels[..10]);
        Assert.Equal(3, splits.Train.Labels[500]);
        Assert.Equal((60000, 5000, 5000), (splits.Train.Count, splits.Validation.Count, splits.Test.Count));
        Assert.Equal((568, 504), (splits.Validation.Labels.Count(l => l == 1), splits.Validation.Labels.Count(l => l == 9)));
        Assert.Equal((567, 505), (splits.Test.Labels.Count(l => l == 1), splits.Test.Labels.Count(l => l == 9)));
    }
}
