using System.Buffers.Binary;
using System.IO.Compression;

namespace Tuner.TrialWorker.Tests.Data;

/// <summary>Writes small synthetic IDX files into a temporary folder that is removed afterwards.</summary>
public sealed class IdxFixture : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("tuner-idx-").FullName;

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    public string Path(string name) => System.IO.Path.Combine(Directory, name);

    public string WriteLabels(string name, byte[] labels, bool gzip = false) =>
        Write(name, Idx(0x00000801, [labels.Length], labels), gzip);

    public string WriteImages(string name, int count, int rows, int columns, bool gzip = false) =>
        Write(name, Idx(0x00000803, [count, rows, columns], Pixels(count, rows, columns)), gzip);

    public string Write(string name, byte[] content, bool gzip = false)
    {
        var path = Path(name);
        if (gzip)
        {
            using var file = File.Create(path);
            using var compressed = new GZipStream(file, CompressionLevel.Fastest);
            compressed.Write(content);
        }
        else
        {
            File.WriteAllBytes(path, content);
        }
        return path;
    }

    /// <summary>An executable shell script, standing in for a program such as npm.</summary>
    public string WriteScript(string name, string body)
    {
        var path = Write(name, System.Text.Encoding.UTF8.GetBytes($"#!/bin/sh\n{body}\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
        return path;
    }

    /// <summary>Each image's pixels are a pattern of its index, so a test can tell images apart after a split.</summary>
    public static byte[] Pixels(int count, int rows, int columns)
    {
        var pixels = new byte[count * rows * columns];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((i / (rows * columns) * 7) + (i % (rows * columns)));
        }
        return pixels;
    }

    public static byte[] Idx(int magic, int[] dimensions, byte[] data)
    {
        var bytes = new byte[4 + (4 * dimensions.Length) + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (var i = 0; i < dimensions.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * i)), dimensions[i]);
        }
        data.CopyTo(bytes.AsSpan(4 + (4 * dimensions.Length)));
        return bytes;
    }

    /// <summary>Labels 0..9 repeated, so every class appears.</summary>
    public static byte[] CyclicLabels(int count) => [.. Enumerable.Range(0, count).Select(i => (byte)(i % 10))];
}
