namespace Tuner.TrialWorker.Data;

/// <summary>
/// Labelled greyscale images as read from IDX files: <see cref="Pixels"/> holds <see cref="Count"/> images of
/// <see cref="Rows"/> x <see cref="Columns"/> bytes (0..255), row-major, one after another.
/// </summary>
/// <remarks>
/// Pixels stay raw bytes here, a quarter of the memory of floats; scaling by 1/255 and flattening happen when the
/// trainer turns a batch into tensors.
/// </remarks>
public sealed record ImageSet(string Name, int Rows, int Columns, byte[] Pixels, byte[] Labels)
{
    public int Count => Labels.Length;

    public int PixelsPerImage => Rows * Columns;

    public ReadOnlySpan<byte> Image(int index) => Pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);
}
