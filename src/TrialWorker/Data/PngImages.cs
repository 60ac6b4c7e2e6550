using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Tuner.TrialWorker.Data;

/// <summary>Reads image files (PNG and the other formats ImageSharp knows) as greyscale digits the size a model takes.</summary>
public static class PngImages
{
    public static ImageSet Read(IReadOnlyList<string> paths, int rows = 28, int columns = 28, bool invert = false)
    {
        var pixels = new byte[paths.Count * rows * columns];
        for (var i = 0; i < paths.Count; i++)
        {
            Image<L8> image;
            try
            {
                image = Image.Load<L8>(paths[i]);
            }
            catch (Exception e) when (e is IOException or UnknownImageFormatException or InvalidImageContentException or UnauthorizedAccessException)
            {
                throw new DataFileException($"Could not read image '{paths[i]}': {e.Message}. Give a PNG (or JPEG, BMP, GIF) file.", e);
            }
            using (image)
            {
                if (image.Width != columns || image.Height != rows)
                {
                    image.Mutate(context => context.Resize(columns, rows));
                }
                var offset = i * rows * columns;
                image.CopyPixelDataTo(pixels.AsSpan(offset, rows * columns));
                if (invert)
                {
                    for (var p = offset; p < offset + (rows * columns); p++)
                    {
                        pixels[p] = (byte)(255 - pixels[p]);
                    }
                }
            }
        }
        return new ImageSet("images", rows, columns, pixels, new byte[paths.Count]);
    }
}
