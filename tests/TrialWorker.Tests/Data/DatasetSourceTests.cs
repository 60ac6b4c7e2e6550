using Tuner.TrialWorker.Data;

namespace Tuner.TrialWorker.Tests.Data;

public sealed class DatasetSourceTests : IDisposable
{
    private readonly IdxFixture files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void Own_gzip_files_load_without_checksums_and_are_split()
    {
        var own = new DatasetFiles(
            files.WriteImages("a.gz", 30, 28, 28, gzip: true),
            files.WriteLabels("b.gz", IdxFixture.CyclicLabels(30), gzip: true),
            files.WriteImages("c", 21, 28, 28),
            files.WriteLabels("d", IdxFixture.CyclicLabels(21)));

        var splits = DatasetSource.LoadSplits(new DataOptions { OwnFiles = own, NpmCommand = "npm-must-not-be-run" });

        Assert.Equal((30, 11, 10), (splits.Train.Count, splits.Validation.Count, splits.Test.Count));
        Assert.Equal(("mnist train", "mnist validation", "mnist test"), (splits.Train.Name, splits.Validation.Name, splits.Test.Name));
    }

    [Fact]
    public void Missing_fashion_mnist_names_the_debian_package()
    {
        var options = new DataOptions { Dataset = DatasetName.FashionMnist, FashionMnistDirectory = files.Path("absent") };

        var error = Assert.Throws<DataFileException>(() => DatasetSource.LoadSplits(options));

        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message, StringComparison.Ordinal);
        Assert.Contains(files.Path("absent"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fashion_mnist_is_read_from_the_gzip_files_of_the_debian_package()
    {
        files.WriteImages("train-images-idx3-ubyte.gz", 20, 28, 28, gzip: true);
        files.WriteLabels("train-labels-idx1-ubyte.gz", IdxFixture.CyclicLabels(20), gzip: true);
        files.WriteImages("t10k-images-idx3-ubyte.gz", 10, 28, 28, gzip: true);
        files.WriteLabels("t10k-labels-idx1-ubyte.gz", IdxFixture.CyclicLabels(10), gzip: true);

        var splits = DatasetSource.LoadSplits(new DataOptions { Dataset = DatasetName.FashionMnist, FashionMnistDirectory = files.Directory });

        Assert.Equal((20, 5, 5), (splits.Train.Count, splits.Validation.Count, splits.Test.Count));
        Assert.Equal("fashion-mnist train", splits.Train.Name);
    }

    [Theory]
    [InlineData("mnist", DatasetName.Mnist)]
    [InlineData("Fashion-MNIST", DatasetName.FashionMnist)]
    public void Datasets_are_chosen_by_name(string text, DatasetName expected)
    {
        Assert.Equal(expected, DatasetNames.Parse(text));
    }

    [Fact]
    public void An_unknown_dataset_name_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => DatasetNames.Parse("cifar"));

        Assert.Contains("mnist, fashion-mnist", error.Message, StringComparison.Ordinal);
    }
}
