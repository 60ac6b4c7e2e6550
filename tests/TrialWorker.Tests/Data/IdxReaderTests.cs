using Tuner.TrialWorker.Data;

namespace Tuner.TrialWorker.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly IdxFixture files = new();

    public void Dispose() => files.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Images_and_labels_round_trip_raw_or_gzip(bool gzip)
    {
        var labels = IdxFixture.CyclicLabels(12);
        var labelPath = files.WriteLabels("labels", labels, gzip);
        var imagePath = files.WriteImages("images", 12, 28, 28, gzip);

        Assert.Equal(labels, IdxReader.ReadLabels(labelPath));
        var images = IdxReader.ReadImages(imagePath);
        Assert.Equal((12, 28, 28), (images.Count, images.Rows, images.Columns));
        Assert.Equal(IdxFixture.Pixels(12, 28, 28), images.Pixels);
    }

    [Fact]
    public void Compression_is_recognised_by_content_not_by_name()
    {
        var gzipWithoutSuffix = files.WriteLabels("labels", [1, 2, 3], gzip: true);
        var rawWithSuffix = files.WriteLabels("labels.gz", [4, 5], gzip: false);

        Assert.Equal([1, 2, 3], IdxReader.ReadLabels(gzipWithoutSuffix));
        Assert.Equal([4, 5], IdxReader.ReadLabels(rawWithSuffix));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_label_file_given_as_images_is_refused_for_its_magic(bool gzip)
    {
        var path = files.WriteLabels("labels", [1, 2, 3], gzip);

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("magic number 0x00000801", error.Message, StringComparison.Ordinal);
        Assert.Contains("0x00000803", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_idx_is_refused_for_its_magic()
    {
        var path = files.Write("notes.txt", "hello, world"u8.ToArray());

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadLabels(path));

        Assert.Contains("magic number 0x68656C6C", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_truncated_body_is_refused_with_the_lengths(bool gzip)
    {
        var whole = IdxFixture.Idx(0x00000803, [3, 28, 28], IdxFixture.Pixels(3, 28, 28));
        var path = files.Write("images", whole[..^100], gzip);

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{3 * 28 * 28} bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains($"only {(3 * 28 * 28) - 100}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_raw_file_whose_header_promises_more_than_it_holds_is_refused_before_reading()
    {
        var path = files.Write("labels", IdxFixture.Idx(0x00000801, [int.MaxValue], [1, 2, 3]));

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadLabels(path));

        Assert.Contains($"promises {int.MaxValue} bytes of data but only 3 follow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_header_is_refused()
    {
        var path = files.Write("images", IdxFixture.Idx(0x00000803, [3, 28, 28], [])[..10]);

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));

        Assert.Contains("ends before dimension 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_bytes_beyond_the_header_are_refused()
    {
        var path = files.Write("labels", IdxFixture.Idx(0x00000801, [3], [1, 2, 3, 4]));

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadLabels(path));

        Assert.Contains("more data than its header promises", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_dimension_that_is_not_positive_is_refused(int rows)
    {
        var path = files.Write("images", IdxFixture.Idx(0x00000803, [2, rows, 28], []));

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));

        Assert.Contains($"dimension 2 of size {rows}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_gzip_data_is_refused()
    {
        var compressed = File.ReadAllBytes(files.WriteLabels("good", IdxFixture.CyclicLabels(5000), gzip: true));
        for (var i = 12; i < compressed.Length - 8; i++)
        {
            compressed[i] ^= 0x5a;
        }
        var path = files.Write("corrupt", compressed);

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = files.Path("absent");

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadLabels(path));

        Assert.Contains($"'{path}' does not exist", error.Message, StringComparison.Ordinal);
    }
}
