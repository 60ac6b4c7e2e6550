using System.Diagnostics;
using Tuner.Coordinator.Coordination;

namespace Tuner.Coordinator.Tests.Coordination;

public sealed class ResultTurnaroundTests
{
    private static readonly long Millisecond = Stopwatch.Frequency / 1000;

    [Fact]
    public void A_turnaround_runs_from_a_workers_result_to_its_next_assignment()
    {
        var turnaround = new ResultTurnaround();
        turnaround.Assigned("a", 0);
        turnaround.ResultArrived("a", 10 * Millisecond);
        turnaround.ResultArrived("b", 11 * Millisecond);
        turnaround.Assigned("b", 12 * Millisecond);
        turnaround.Assigned("a", 14 * Millisecond);

        Assert.Equal(2, turnaround.Results);
        Assert.Equal(2, turnaround.Measured);
        Assert.Equal(TimeSpan.FromMilliseconds(1), turnaround.Percentile(50));
        Assert.Equal(TimeSpan.FromMilliseconds(4), turnaround.Percentile(99));
        Assert.Equal(1000, turnaround.ResultsPerSecond, precision: 6);
    }

    [Fact]
    public void A_worker_told_to_wait_is_not_measured_until_its_next_result()
    {
        var turnaround = new ResultTurnaround();
        turnaround.ResultArrived("a", 0);
        turnaround.Waited("a");
        turnaround.Assigned("a", 500 * Millisecond);
        turnaround.ResultArrived("a", 600 * Millisecond);
        turnaround.Assigned("a", 602 * Millisecond);

        Assert.Equal(1, turnaround.Measured);
        Assert.Equal(TimeSpan.FromMilliseconds(2), turnaround.Percentile(100));
    }

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        var turnaround = new ResultTurnaround();
        for (var i = 1; i <= 200; i++)
        {
            turnaround.ResultArrived("a", 0);
            turnaround.Assigned("a", i * Millisecond);
        }

        Assert.Equal(TimeSpan.FromMilliseconds(100), turnaround.Percentile(50));
        Assert.Equal(TimeSpan.FromMilliseconds(198), turnaround.Percentile(99));
        Assert.Equal(TimeSpan.FromMilliseconds(200), turnaround.Percentile(100));
    }
}
