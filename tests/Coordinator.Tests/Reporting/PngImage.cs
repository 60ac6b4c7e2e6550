using SkiaSharp;

namespace Tuner.Coordinator.Tests.Reporting;

/// <summary>A decoded PNG and the facts the tests look at: how much is drawn, and in which colours.</summary>
internal sealed class PngImage : IDisposable
{
    private readonly SKBitmap _bitmap;

    private PngImage(SKBitmap bitmap) => _bitmap = bitmap;

    public int Width => _bitmap.Width;

    public int Height => _bitmap.Height;

    public static PngImage Decode(byte[] png)
    {
        Assert.True(png.AsSpan().StartsWith((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G']), "not a PNG signature");
        return new PngImage(SKBitmap.Decode(png) ?? throw new InvalidOperationException("PNG does not decode"));
    }

    public static PngImage Load(string path) => Decode(File.ReadAllBytes(path));

    /// <summary>Share of pixels that are not (near) white, in the whole image.</summary>
    public double InkShare() => InkShare(0, Width, 0, Height);

    /// <summary>Share of pixels that are not (near) white in the rectangle [left, right) x [top, bottom).</summary>
    public double InkShare(int left, int right, int top, int bottom)
    {
        var ink = 0;
        for (var y = top; y < bottom; y++)
        {
            for (var x = left; x < right; x++)
            {
                var c = _bitmap.GetPixel(x, y);
                ink += c.Red < 230 || c.Green < 230 || c.Blue < 230 ? 1 : 0;
            }
        }
        return (double)ink / ((right - left) * (bottom - top));
    }

    /// <summary>Pixels within a small distance of the colour, anywhere in the image.</summary>
    public int CountNear(SKColor color)
    {
        var count = 0;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var c = _bitmap.GetPixel(x, y);
                count += Math.Abs(c.Red - color.Red) + Math.Abs(c.Green - color.Green) + Math.Abs(c.Blue - color.Blue) < 30 ? 1 : 0;
            }
        }
        return count;
    }

    public void Dispose() => _bitmap.Dispose();
}
