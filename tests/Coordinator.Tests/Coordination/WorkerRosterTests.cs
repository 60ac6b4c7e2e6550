using Akka.Actor;
using Tuner.Coordinator.Coordination;

namespace Tuner.Coordinator.Tests.Coordination;

public class WorkerRosterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Slots_free_up_as_attempts_are_released()
    {
        var roster = new WorkerRoster();
        roster.Register("w1", Nobody.Instance, 2, T0);

        roster.Assign("w1", new(1, 1), T0);
        roster.Assign("w1", new(2, 1), T0);
        Assert.Equal(0, roster.FreeSlots("w1"));

        roster.Release(new(1, 1));
        Assert.Equal(1, roster.FreeSlots("w1"));
        Assert.False(roster.IsRunning(new(1, 1)));
        Assert.Equal("w1", roster.RunningOn(new(2, 1)));
    }

    [Fact]
    public void Removing_a_worker_returns_what_it_was_running()
    {
        var roster = new WorkerRoster();
        roster.Register("w1", Nobody.Instance, 2, T0);
        roster.Assign("w1", new(2, 1), T0);
        roster.Assign("w1", new(1, 3), T0);

        Assert.Equal([new(1, 3), new(2, 1)], roster.Remove("w1"));
        Assert.False(roster.IsRunning(new(2, 1)));
        Assert.Equal(0, roster.RunningCount);
        Assert.Empty(roster.Remove("w1"));
    }

    [Fact]
    public void Attempts_without_progress_past_the_timeout_are_stalled()
    {
        var roster = new WorkerRoster();
        roster.Register("w1", Nobody.Instance, 2, T0);
        roster.Assign("w1", new(1, 1), T0);
        roster.Assign("w1", new(2, 1), T0);

        roster.Progressed(new(2, 1), T0.AddMinutes(4));

        Assert.Equal([new(1, 1)], roster.Stalled(T0.AddMinutes(5), TimeSpan.FromMinutes(3)));
        Assert.Empty(roster.Stalled(T0.AddMinutes(2), TimeSpan.FromMinutes(3)));
    }

    [Fact]
    public void Workers_not_heard_from_are_silent()
    {
        var roster = new WorkerRoster();
        roster.Register("w1", Nobody.Instance, 1, T0);
        roster.Register("w2", Nobody.Instance, 1, T0);

        roster.Seen("w2", T0.AddSeconds(20));

        Assert.Equal(["w1"], roster.Silent(T0.AddSeconds(25), TimeSpan.FromSeconds(10)));
    }
}
