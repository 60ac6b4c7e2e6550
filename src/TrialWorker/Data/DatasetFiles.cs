namespace Tuner.TrialWorker.Data;

/// <summary>The four IDX files of an MNIST-like dataset, each raw or gzip-compressed.</summary>
public sealed record DatasetFiles(string TrainImages, string TrainLabels, string TestImages, string TestLabels)
{
    /// <summary>The files under their canonical names in <paramref name="directory"/>, with <paramref name="suffix"/> (e.g. ".gz").</summary>
    public static DatasetFiles In(string directory, string suffix = "") => new(
        Path.Combine(directory, "train-images-idx3-ubyte" + suffix),
        Path.Combine(directory, "train-labels-idx1-ubyte" + suffix),
        Path.Combine(directory, "t10k-images-idx3-ubyte" + suffix),
        Path.Combine(directory, "t10k-labels-idx1-ubyte" + suffix));

    public IEnumerable<string> All => [TrainImages, TrainLabels, TestImages, TestLabels];
}
