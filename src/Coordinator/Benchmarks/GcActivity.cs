namespace Tuner.Coordinator.Benchmarks;

/// <summary>
/// The coordinator process's garbage collections so far: how many (every one collects generation 0), how many reached
/// generation 2, the time they paused the process, and the bytes allocated. A pause holds every message in flight, so
/// it lands in the turnaround's tail.
/// </summary>
public readonly record struct GcActivity(int Collections, int FullCollections, TimeSpan Pause, long Allocated)
{
    public static GcActivity OfThisProcess() => new(GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(precise: true));

    public GcActivity Since(GcActivity earlier) =>
        new(Collections - earlier.Collections, FullCollections - earlier.FullCollections, Pause - earlier.Pause, Allocated - earlier.Allocated);

    public TimeSpan MeanPause => Collections == 0 ? TimeSpan.Zero : Pause / Collections;
}
