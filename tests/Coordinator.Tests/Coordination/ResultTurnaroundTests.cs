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
        Assert.Equal(2, turnaround.Steady.Results);
        Assert.Equal(0, turnaround.WarmUp.Results);
        Assert.Equal(2, turnaround.Steady.Measured);
        Assert.Equal(TimeSpan.FromMilliseconds(1), turnaround.Steady.Percentile(50));
        Assert.Equal(TimeSpan.FromMilliseconds(4), turnaround.Steady.Percentile(99));
        Assert.Equal(1000, turnaround.Steady.ResultsPerSecond, precision: 6);
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

        Assert.Equal(1, turnaround.Steady.Measured);
        Assert.Equal(TimeSpan.FromMilliseconds(2), turnaround.Steady.Percentile(100));
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

        Assert.Equal(TimeSpan.FromMilliseconds(100), turnaround.Steady.Percentile(50));
        Assert.Equal(TimeSpan.FromMilliseconds(198), turnaround.Steady.Percentile(99));
        Assert.Equal(TimeSpan.FromMilliseconds(200), turnaround.Steady.Percentile(100));
    }

    [Fact]
    public void The_warm_up_results_and_the_turnarounds_after_them_count_apart_from_the_steady_state()
    {
        var turnaround = new ResultTurnaround(warmingUp: true);
        turnaround.ResultArrived("a", 0);
        turnaround.ResultArrived("b", 1 * Millisecond);
        turnaround.EndWarmUp();
        turnaround.Assigned("a", 100 * Millisecond);
        turnaround.ResultArrived("a", 101 * Millisecond);
        turnaround.Assigned("a", 103 * Millisecond);
        turnaround.Assigned("b", 200 * Millisecond);
        turnaround.ResultArrived("b", 201 * Millisecond);
        turnaround.Assigned("b", 204 * Millisecond);

        Assert.Equal(4, turnaround.Results);
        Assert.Equal((2, 2), (turnaround.WarmUp.Results, turnaround.WarmUp.Measured));
        Assert.Equal(TimeSpan.FromMilliseconds(199), turnaround.WarmUp.Percentile(100));
        Assert.Equal(1000, turnaround.WarmUp.ResultsPerSecond, precision: 6);
        Assert.Equal((2, 2), (turnaround.Steady.Results, turnaround.Steady.Measured));
        Assert.Equal(TimeSpan.FromMilliseconds(2), turnaround.Steady.Percentile(50));
        Assert.Equal(TimeSpan.FromMilliseconds(3), turnaround.Steady.Percentile(100));
        Assert.Equal(10, turnaround.Steady.ResultsPerSecond, precision: 6);
    }

    [Fact]
    public void Results_after_the_measurement_ended_are_not_counted_and_the_warm_up_does_not_come_back()
    {
        var turnaround = new ResultTurnaround(warmingUp: true);
        turnaround.ResultArrived("a", 0);
        turnaround.Assigned("a", 1 * Millisecond);
        turnaround.EndWarmUp();
        turnaround.ResultArrived("a", 10 * Millisecond);
        turnaround.EndMeasurement();
        turnaround.Assigned("a", 12 * Millisecond);
        turnaround.EndWarmUp();
        turnaround.ResultArrived("a", 20 * Millisecond);
        turnaround.Assigned("a", 100 * Millisecond);

        Assert.Equal(2, turnaround.Results);
        Assert.Equal((1, 1), (turnaround.WarmUp.Results, turnaround.Steady.Results));
        // The assignment that answered the last measured result still counts; the result after the end does not.
        Assert.Equal((1, 1), (turnaround.WarmUp.Measured, turnaround.Steady.Measured));
        Assert.Equal(TimeSpan.FromMilliseconds(2), turnaround.Steady.Percentile(100));
    }
}
