using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Tuner.Shared.Files;

namespace Tuner.TrialWorker.Data;

/// <summary>Writes one image of a set as a greyscale PNG, enlarged so that a person can see the digit.</summary>
public static class ImagePreview
{
    public const int DefaultScale = 8;

    public static void WritePng(ImageSet set, int index, string path, int scale = DefaultScale)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, set.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        var pixels = set.Image(index);
        using var image = new Image<L8>(set.Columns * scale, set.Rows * scale);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                // Nearest neighbour: every source pixel becomes a scale x scale block.
                image[x, y] = new L8(pixels[(y / scale * set.Columns) + (x / scale)]);
            }
        }
        AtomicFile.Write(path, stream => image.SaveAsPng(stream));
    }
}
