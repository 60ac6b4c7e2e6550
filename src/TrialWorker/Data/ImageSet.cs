namespace Tuner.TrialWorker.Data;

/// <summary>
/// Labelled greyscale images as read from IDX files: <see cref="Pixels"/> holds <see cref="Count"/> images of
/// <see cref="Rows"/> x <see cref="Columns"/> bytes (0..255), row-major, one after another.
/// </summary>
public sealed record ImageSet(string Name, int Rows, int Columns, byte[] Pixels, byte[] Labels)
{
    public int Count => Labels.Length;

    public int PixelsPerImage => Rows * Columns;

    public ReadOnlySpan<byte> Image(int index) => Pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);
}
