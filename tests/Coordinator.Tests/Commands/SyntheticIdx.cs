using System.Buffers.Binary;
using System.IO.Compression;
using Tuner.TrialWorker.Data;

namespace Tuner.Coordinator.Tests.Commands;

/// <summary>A temporary folder with the four IDX files of a tiny MNIST-like dataset.</summary>
public sealed class SyntheticIdx : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("tuner-describe-").FullName;

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    public string Path(string name) => System.IO.Path.Combine(Directory, name);

    /// <summary>Writes images (pixel value = image index) and the given labels; gzip-compressed when asked.</summary>
    public string[] WriteDataset(byte[] trainLabels, byte[] testLabels, bool gzip) =>
    [
        Write("train-images", Images(trainLabels.Length), gzip),
        Write("train-labels", Idx(0x00000801, [trainLabels.Length], trainLabels), gzip),
        Write("test-images", Images(testLabels.Length), gzip),
        Write("test-labels", Idx(0x00000801, [testLabels.Length], testLabels), gzip),
    ];

    /// <summary>Writes an image set as its two IDX files (images, labels), uncompressed.</summary>
    public (string Images, string Labels) WriteImageSet(string name, ImageSet images) =>
    (
        Write($"{name}-images", Idx(0x00000803, [images.Count, images.Rows, images.Columns], images.Pixels), gzip: false),
        Write($"{name}-labels", Idx(0x00000801, [images.Count], images.Labels), gzip: false)
    );

    public string Write(string name, byte[] content, bool gzip)
    {
        var path = Path(name);
        using var file = File.Create(path);
        using var stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : (Stream)file;
        stream.Write(content);
        return path;
    }

    private static byte[] Images(int count) =>
        Idx(0x00000803, [count, 28, 28], [.. Enumerable.Range(0, count).SelectMany(i => Enumerable.Repeat((byte)i, 28 * 28))]);

    private static byte[] Idx(int magic, int[] dimensions, byte[] data)
    {
        var header = new byte[4 * (dimensions.Length + 1)];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (var i = 0; i < dimensions.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 * (i + 1)), dimensions[i]);
        }
        return [.. header, .. data];
    }
}
