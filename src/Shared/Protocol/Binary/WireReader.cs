using System.Buffers.Binary;
using System.Runtime.Serialization;
using System.Text;

namespace Tuner.Shared.Protocol.Binary;

/// <summary>
/// Reads what <see cref="WireWriter"/> wrote, checking every length against the bytes that are really there: a
/// truncated, padded or lying message is refused with its manifest and the field named, and nothing is allocated
/// beyond the size of the message itself.
/// </summary>
internal ref struct WireReader(ReadOnlySpan<byte> bytes, string manifest)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private readonly string _manifest = manifest;
    private int _offset;

    private readonly int Remaining => _bytes.Length - _offset;

    public int Int32(string field) => BinaryPrimitives.ReadInt32LittleEndian(Take(sizeof(int), field));

    public long Int64(string field) => BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long), field));

    public double Double(string field) => BinaryPrimitives.ReadDoubleLittleEndian(Take(sizeof(double), field));

    public bool Boolean(string field) => Take(1, field)[0] switch
    {
        0 => false,
        1 => true,
        var other => throw Malformed($"{field} is {other}, neither 0 nor 1"),
    };

    public byte Tag(string field) => Take(1, field)[0];

    public string Text(string field) => OptionalText(field) ?? throw Malformed($"{field} is missing");

    public string? OptionalText(string field)
    {
        var at = _offset;
        if (Length(field) is not { } length)
        {
            return null;
        }
        try
        {
            return StrictUtf8.GetString(Take(length, field));
        }
        catch (DecoderFallbackException)
        {
            throw Malformed($"{field} at byte {at} is not valid UTF-8");
        }
    }

    public byte[]? OptionalBytes(string field, int limit) =>
        Length(field) is not { } length ? null
        : length > limit ? throw Malformed($"{field} has {length} bytes, more than the {limit} allowed")
        : Take(length, field).ToArray();

    /// <summary>A count of entries of at least <paramref name="entryBytes"/> bytes each: more than the rest of the message could hold is refused before anything is allocated.</summary>
    public int Count(string field, int entryBytes)
    {
        var at = _offset;
        var count = Int32(field);
        if (count < 0 || count > Remaining / entryBytes)
        {
            throw Malformed($"{field} at byte {at} claims {count} entries, but the {Remaining} bytes left hold at most {Remaining / entryBytes}");
        }
        return count;
    }

    public readonly void End()
    {
        if (Remaining != 0)
        {
            throw Malformed($"{Remaining} bytes follow the end of the message");
        }
    }

    public readonly SerializationException Malformed(string what) => new($"malformed protocol message '{_manifest}': {what}");

    private int? Length(string field)
    {
        var at = _offset;
        var length = Int32(field);
        return length switch
        {
            -1 => null,
            < 0 => throw Malformed($"{field} at byte {at} has a negative length ({length})"),
            _ when length > Remaining => throw Malformed($"truncated: {field} at byte {at} claims {length} bytes, only {Remaining} follow"),
            _ => length,
        };
    }

    private ReadOnlySpan<byte> Take(int count, string field)
    {
        if (count > Remaining)
        {
            throw Malformed($"truncated: {field} at byte {_offset} needs {count} bytes, only {Remaining} follow");
        }
        var taken = _bytes.Slice(_offset, count);
        _offset += count;
        return taken;
    }
}
