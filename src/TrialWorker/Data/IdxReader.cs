using System.Buffers.Binary;
using System.IO.Compression;

namespace Tuner.TrialWorker.Data;

/// <summary>
/// Reads IDX files (big-endian int32 magic, one int32 per dimension, then unsigned bytes), raw or gzip-compressed;
/// compression is recognised by the gzip magic bytes, not by the file name.
/// </summary>
public static class IdxReader
{
    public const int LabelMagic = 0x00000801;
    public const int ImageMagic = 0x00000803;

    public static byte[] ReadLabels(string path)
    {
        using var stream = Open(path);
        var dimensions = ReadHeader(stream, path, LabelMagic, "labels");
        return ReadBody(stream, path, dimensions[0]);
    }

    public static IdxImages ReadImages(string path)
    {
        using var stream = Open(path);
        var dimensions = ReadHeader(stream, path, ImageMagic, "images");
        var (count, rows, columns) = (dimensions[0], dimensions[1], dimensions[2]);
        var length = (long)count * rows * columns;
        if (length > Array.MaxLength)
        {
            throw Refused(path, $"declares {count} images of {rows}x{columns} pixels, more than one array can hold", "check that it is an IDX image file");
        }
        return new IdxImages(count, rows, columns, ReadBody(stream, path, (int)length));
    }

    private static Stream Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataFileException($"Data file '{path}' does not exist. Check the path, or leave the file options out to use the data cache.");
        }
        var file = File.OpenRead(path);
        Span<byte> start = stackalloc byte[2];
        var read = file.ReadAtLeast(start, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && start[0] == 0x1f && start[1] == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static int[] ReadHeader(Stream stream, string path, int expectedMagic, string kind)
    {
        var magic = ReadInt32(stream, path, "its magic number");
        if (magic != expectedMagic)
        {
            throw Refused(
                path,
                $"starts with magic number 0x{magic:X8}, but IDX {kind} start with 0x{expectedMagic:X8}",
                $"check that it is the {kind} file and not another file (or another file's {(kind == "images" ? "labels" : "images")})");
        }
        var dimensions = new int[expectedMagic & 0xff];
        for (var i = 0; i < dimensions.Length; i++)
        {
            dimensions[i] = ReadInt32(stream, path, $"dimension {i + 1} of its header");
            if (dimensions[i] <= 0)
            {
                throw Refused(path, $"has dimension {i + 1} of size {dimensions[i]} in its header", "the file is corrupt: fetch or copy it again");
            }
        }
        return dimensions;
    }

    private static int ReadInt32(Stream stream, string path, string what)
    {
        Span<byte> bytes = stackalloc byte[4];
        if (Fill(stream, path, bytes) < 4)
        {
            throw Refused(path, $"ends before {what}", "the file is truncated: fetch or copy it again");
        }
        return BinaryPrimitives.ReadInt32BigEndian(bytes);
    }

    private static byte[] ReadBody(Stream stream, string path, int length)
    {
        // A raw file's size is known: refuse a corrupt header's huge count before allocating for it.
        if (stream is FileStream file && file.Length - file.Position < length)
        {
            throw Truncated(path, length, file.Length - file.Position);
        }
        var body = GC.AllocateUninitializedArray<byte>(length);
        var read = Fill(stream, path, body);
        if (read < length)
        {
            throw Truncated(path, length, read);
        }
        Span<byte> extra = stackalloc byte[1];
        if (Fill(stream, path, extra) > 0)
        {
            throw Refused(path, $"has more data than its header promises ({length} bytes)", "the file is corrupt or not an IDX file: fetch or copy it again");
        }
        return body;
    }

    private static int Fill(Stream stream, string path, Span<byte> buffer)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new DataFileException($"Data file '{path}' is not valid gzip data ({e.Message}): the file is corrupt; fetch or copy it again.", e);
        }
    }

    private static DataFileException Truncated(string path, int length, long read) =>
        Refused(path, $"is truncated: its header promises {length} bytes of data but only {read} follow", "fetch or copy it again");

    private static DataFileException Refused(string path, string problem, string fix) =>
        new($"Data file '{path}' {problem}; {fix}.");
}
