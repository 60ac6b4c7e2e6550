using Tuner.Coordinator.Benchmarks;
using Tuner.Coordinator.Scheduling;

namespace Tuner.Coordinator.Tests.Benchmarks;

public sealed class CoordinatorBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_planned_result_comes_back_from_no_op_worker_processes_and_is_timed()
    {
        var schedule = new ScheduleOptions(ScheduleKind.Hyperband, MaxEpochs: 9, Factor: 3, Iterations: 2);
        var progress = new StringWriter();

        var measured = await CoordinatorBenchmark.RunAsync(new CoordinatorBenchmarkOptions(Processes: 2, WorkersPerProcess: 3, schedule, Seed: 1), progress, TestContext.Current.CancellationToken);

        output.WriteLine(progress.ToString());
        output.WriteLine(measured.ToString());
        Assert.Equal(SchedulePlanner.Plan(schedule).Runs, measured.Results);
        Assert.InRange(measured.Measured, 1, measured.Results);
        Assert.True(measured.ResultsPerSecond > 0);
        Assert.True(measured.MedianTurnaround <= measured.P99Turnaround && measured.P99Turnaround <= measured.WorstTurnaround);
        Assert.True(measured.CoordinatorCpu > TimeSpan.Zero);
    }
}
