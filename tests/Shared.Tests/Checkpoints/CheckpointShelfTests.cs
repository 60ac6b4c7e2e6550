using Tuner.Shared.Checkpoints;

namespace Tuner.Shared.Tests.Checkpoints;

public class CheckpointShelfTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(CheckpointShelf.ChunkSize)]
    [InlineData(CheckpointShelf.ChunkSize + 1)]
    [InlineData(3 * CheckpointShelf.ChunkSize - 7)]
    public void Chunks_put_back_together_give_the_checkpoint(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        var shelf = new CheckpointShelf();

        var manifest = shelf.Put("c", bytes);
        var joined = Enumerable.Range(0, manifest.Chunks).SelectMany(i => shelf.Chunk("c", i).Data).ToArray();

        Assert.Equal(bytes, joined);
        Assert.Equal(CheckpointShelf.Describe("c", joined), manifest);
        Assert.All(Enumerable.Range(0, manifest.Chunks), i => Assert.True(shelf.Chunk("c", i).Data.Length <= CheckpointShelf.ChunkSize));
    }

    [Fact]
    public void A_checkpoint_that_is_gone_is_reported_missing()
    {
        var shelf = new CheckpointShelf();
        shelf.Put("c", [1, 2, 3]);
        shelf.Remove("c");

        Assert.True(shelf.Chunk("c", 0).Missing);
        Assert.True(shelf.Chunk("other", 0).Missing);
    }
}
