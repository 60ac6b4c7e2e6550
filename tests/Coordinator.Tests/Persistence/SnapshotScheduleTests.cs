using Tuner.Coordinator.Persistence;

namespace Tuner.Coordinator.Tests.Persistence;

public class SnapshotScheduleTests
{
    [Theory]
    [InlineData(99, 100, 10, false)]
    [InlineData(100, 100, 10, true)]
    [InlineData(100, 100, 100, true)]
    [InlineData(4_999, 100, 5_000, false)]
    [InlineData(5_000, 100, 5_000, true)]
    public void A_snapshot_is_due_every_so_many_events_or_every_as_many_as_the_study_has_runs(long events, int every, int runs, bool due)
    {
        Assert.Equal(due, SnapshotSchedule.IsDue(events, every, runs));
    }

    [Fact]
    public void Over_a_growing_study_the_events_between_snapshots_keep_pace_with_its_runs()
    {
        // Two events a run (started, completed), as in a real study: count the snapshots over 20,000 runs.
        var (snapshots, since, runs) = (0, 0L, 0);
        for (var journaled = 0; journaled < 40_000; journaled++)
        {
            runs = journaled / 2;
            if (SnapshotSchedule.IsDue(++since, 100, runs))
            {
                snapshots++;
                since = 0;
            }
        }

        // Every 100 events would have been 400 snapshots of up to 20,000 runs each; a geometric schedule takes a few.
        Assert.InRange(snapshots, 5, 20);
    }
}
