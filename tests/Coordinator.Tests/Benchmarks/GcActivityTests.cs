using Tuner.Coordinator.Benchmarks;

namespace Tuner.Coordinator.Tests.Benchmarks;

public class GcActivityTests
{
    [Fact]
    public void A_stretch_counts_the_collections_and_allocations_made_in_it()
    {
        var before = GcActivity.OfThisProcess();
        var kept = new byte[1_000_000];
        GC.Collect();
        GC.KeepAlive(kept);

        var stretch = GcActivity.OfThisProcess().Since(before);

        Assert.True(stretch.Collections >= 1, $"{stretch.Collections} collections");
        Assert.True(stretch.FullCollections >= 1, $"{stretch.FullCollections} of generation 2");
        Assert.True(stretch.Allocated >= 1_000_000, $"{stretch.Allocated} bytes");
        Assert.Equal(stretch.Pause / stretch.Collections, stretch.MeanPause);
        Assert.Equal(TimeSpan.Zero, default(GcActivity).MeanPause);
    }
}
