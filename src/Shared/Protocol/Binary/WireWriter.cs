using System.Buffers.Binary;
using System.Text;

namespace Tuner.Shared.Protocol.Binary;

/// <summary>
/// Writes the binary protocol's fields, little-endian, into a buffer that grows as needed. Strings are UTF-8 and byte
/// arrays are preceded by their length; an absent one is written as length -1.
/// </summary>
internal sealed class WireWriter(int capacity = 256)
{
    private byte[] _buffer = new byte[capacity];
    private int _length;

    public void Int32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Space(sizeof(int)), value);

    public void Int64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Space(sizeof(long)), value);

    // Bit for bit, so NaN and the infinities of a diverged loss arrive as they left.
    public void Double(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Space(sizeof(double)), value);

    public void Boolean(bool value) => Tag(value ? (byte)1 : (byte)0);

    public void Tag(byte value) => Space(1)[0] = value;

    public void Text(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Int32(length);
        Encoding.UTF8.GetBytes(value, Space(length));
    }

    public void OptionalText(string? value)
    {
        if (value is null)
        {
            Int32(-1);
            return;
        }
        Text(value);
    }

    public void OptionalBytes(byte[]? value)
    {
        if (value is null)
        {
            Int32(-1);
            return;
        }
        Int32(value.Length);
        value.CopyTo(Space(value.Length));
    }

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    private Span<byte> Space(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }
        var space = _buffer.AsSpan(_length, count);
        _length += count;
        return space;
    }
}
