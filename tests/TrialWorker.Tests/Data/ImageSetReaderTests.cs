using Tuner.TrialWorker.Data;

namespace Tuner.TrialWorker.Tests.Data;

public sealed class ImageSetReaderTests : IDisposable
{
    private readonly IdxFixture files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void Matching_files_make_an_image_set()
    {
        var set = ImageSetReader.Read("train", files.WriteImages("images", 10, 28, 28), files.WriteLabels("labels", IdxFixture.CyclicLabels(10)));

        Assert.Equal(10, set.Count);
        Assert.Equal(784, set.PixelsPerImage);
        Assert.Equal(IdxFixture.Pixels(10, 28, 28).AsSpan(3 * 784, 784), set.Image(3));
    }

    [Fact]
    public void Images_and_labels_of_different_counts_are_refused()
    {
        var images = files.WriteImages("images", 10, 28, 28);
        var labels = files.WriteLabels("labels", IdxFixture.CyclicLabels(9));

        var error = Assert.Throws<DataFileException>(() => ImageSetReader.Read("train", images, labels));

        Assert.Contains($"'{images}' (10 images)", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{labels}' (9 labels)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_outside_the_ten_classes_is_refused()
    {
        var images = files.WriteImages("images", 3, 28, 28);
        var labels = files.WriteLabels("labels", [4, 10, 2]);

        var error = Assert.Throws<DataFileException>(() => ImageSetReader.Read("train", images, labels));

        Assert.Contains($"'{labels}' has label 10 at position 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_of_the_wrong_size_are_refused()
    {
        var images = files.WriteImages("images", 3, 27, 28);
        var labels = files.WriteLabels("labels", [1, 2, 3]);

        var error = Assert.Throws<DataFileException>(() => ImageSetReader.Read("train", images, labels));

        Assert.Contains("27x28 pixels", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs 28x28", error.Message, StringComparison.Ordinal);
    }
}
