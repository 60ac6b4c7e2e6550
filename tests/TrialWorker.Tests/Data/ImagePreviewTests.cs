using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Tuner.TrialWorker.Data;

namespace Tuner.TrialWorker.Tests.Data;

public sealed class ImagePreviewTests : IDisposable
{
    private readonly IdxFixture files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void An_image_is_written_as_an_enlarged_greyscale_png()
    {
        var set = new ImageSet("train", 28, 28, IdxFixture.Pixels(3, 28, 28), [0, 1, 2]);
        var path = files.Path("out/image.png");

        ImagePreview.WritePng(set, 2, path, scale: 4);

        using var image = Image.Load<L8>(path);
        Assert.Equal((112, 112), (image.Width, image.Height));
        var source = set.Image(2).ToArray();
        for (var y = 0; y < 112; y += 5)
        {
            for (var x = 0; x < 112; x += 3)
            {
                Assert.Equal(source[(y / 4 * 28) + (x / 4)], image[x, y].PackedValue);
            }
        }
        Assert.Single(Directory.EnumerateFiles(files.Path("out")));
    }

    [Fact]
    public void An_index_outside_the_set_is_refused()
    {
        var set = new ImageSet("train", 28, 28, IdxFixture.Pixels(3, 28, 28), [0, 1, 2]);

        Assert.Throws<ArgumentOutOfRangeException>(() => ImagePreview.WritePng(set, 3, files.Path("image.png")));
    }
}
