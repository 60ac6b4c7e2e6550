namespace Tuner.TrialWorker.Data;

/// <summary>Which data a study trains on and how the seed's validation/test split is drawn.</summary>
public sealed record DataOptions
{
    public const int DefaultSplitSeed = 42;
    public const string DebianFashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    public DatasetName Dataset { get; init; } = DatasetName.Mnist;

    /// <summary>The cache folder for fetched datasets; null means <see cref="Data.DataDirectory.Resolve(string?)"/>'s default.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The user's own four files, used instead of the cache or the installed package; their checksums are not enforced.</summary>
    public DatasetFiles? OwnFiles { get; init; }

    public int SplitSeed { get; init; } = DefaultSplitSeed;

    public string FashionMnistDirectory { get; init; } = DebianFashionMnistDirectory;

    public string NpmCommand { get; init; } = "npm";
}
