using System.Diagnostics;
using Tuner.Coordinator.Benchmarks;
using Tuner.Coordinator.Processes;
using Tuner.Coordinator.Scheduling;

namespace Tuner.Coordinator.Tests.Benchmarks;

public sealed class CoordinatorBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_planned_result_comes_back_from_no_op_worker_processes_and_is_timed()
    {
        // Long enough after the warm-up's iteration that a fast machine, which can deliver every result of a few
        // iterations between two 50 ms samples, still has results (with a next assignment) to time after it.
        var schedule = new ScheduleOptions(ScheduleKind.Hyperband, MaxEpochs: 9, Factor: 3, Iterations: 30);
        var options = new CoordinatorBenchmarkOptions(Processes: 2, WorkersPerProcess: 3, schedule, Seed: 1, WarmupIterations: 1);
        var progress = new StringWriter();

        var measured = await CoordinatorBenchmark.RunAsync(options, progress, TestContext.Current.CancellationToken);

        output.WriteLine(progress.ToString());
        output.WriteLine(measured.ToString());
        var planned = SchedulePlanner.Plan(schedule).Runs;
        Assert.Equal(planned, measured.Results);
        Assert.Equal((planned, 30), measured.Finished);
        Assert.Null(measured.Shortfall(planned));
        // The warm-up ends at the first sample (every 50 ms) that finds its results in.
        Assert.InRange(measured.WarmUp.Results, options.WarmupResults, planned - 1);
        Assert.Equal(planned, measured.WarmUp.Results + measured.Steady.Results);
        foreach (var window in new[] { measured.WarmUp, measured.Steady })
        {
            Assert.InRange(window.Measured, 1, window.Results);
            Assert.True(window.ResultsPerSecond > 0);
            Assert.True(window.MedianTurnaround <= window.P99Turnaround && window.P99Turnaround <= window.WorstTurnaround);
        }
        // Both kinds of process start within the warm-up; the steady state may be too short to sample on a fast machine.
        Assert.True(measured.WarmUp.CoordinatorCpu > TimeSpan.Zero);
        Assert.True(measured.WarmUp.WorkersCpu > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_measured_time_stops_the_study_after_a_warm_up_of_both_its_results_and_its_time_with_each_processs_JIT_apart()
    {
        var schedule = new ScheduleOptions(ScheduleKind.Hyperband, MaxEpochs: 9, Factor: 3, Iterations: 100_000);
        var options = new CoordinatorBenchmarkOptions(Processes: 2, WorkersPerProcess: 3, schedule, Seed: 1, WarmupIterations: 2)
        {
            WarmupTime = TimeSpan.FromSeconds(1),
            MeasureTime = TimeSpan.FromSeconds(2),
        };
        var progress = new StringWriter();

        var measured = await CoordinatorBenchmark.RunAsync(options, progress, TestContext.Current.CancellationToken);

        output.WriteLine(progress.ToString());
        output.WriteLine(measured.ToString());
        Assert.Null(measured.Finished);
        Assert.InRange(measured.Results, options.WarmupResults + 1, SchedulePlanner.Plan(schedule).Runs - 1);
        Assert.Equal(measured.Results, measured.WarmUp.Results + measured.Steady.Results);
        Assert.True(measured.WarmUp.Results >= options.WarmupResults);
        Assert.True(measured.WarmUp.Sampled >= options.WarmupTime, $"warm-up sampled for {measured.WarmUp.Sampled}");
        Assert.True(measured.Steady.Sampled >= options.MeasureTime, $"steady state sampled for {measured.Steady.Sampled}");
        Assert.True(measured.Steady.CpuResults > 0 && measured.Steady.CoordinatorCpu > TimeSpan.Zero);
        // A worker process compiles thousands of methods as it starts (the coordinator here runs in the test's process,
        // which other tests may have warmed): the worker processes' own reports arrived.
        Assert.True(measured.WarmUp.WorkersJit.Methods > 1000, $"{measured.WarmUp.WorkersJit}");
        Assert.InRange(measured.Steady.WorkersJit.Methods, 0, measured.WarmUp.WorkersJit.Methods);
    }

    [Fact]
    public async Task A_worker_process_that_dies_stops_the_benchmark_at_once_with_an_error_naming_it()
    {
        Assert.SkipUnless(Directory.Exists("/proc"), "finds the worker processes in /proc");
        using var bench = ChildProcess.Start(TunerPrograms.Tuner, ["bench", "coordinator", "--iterations", "1000", "--workers", "2"], echo: line => output.WriteLine(line.ToString()));
        await bench.WaitForLineAsync(line => line.Text.StartsWith("# coordinator on", StringComparison.Ordinal), TimeSpan.FromMinutes(2), "its start", TestContext.Current.CancellationToken);

        var worker = ChildrenOf(bench.Id).Single(pid => File.ReadAllText($"/proc/{pid}/cmdline").Contains("bench-2", StringComparison.Ordinal));
        using (var doomed = Process.GetProcessById(worker))
        {
            doomed.Kill();
        }
        var exitCode = await bench.WaitForExitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        Assert.Equal(1, exitCode);
        var error = bench.Lines.Single(line => line.Text.StartsWith("bench coordinator failed", StringComparison.Ordinal)).Text;
        Assert.Contains("worker process bench-2", error, StringComparison.Ordinal);
        Assert.Contains("exit code 137", error, StringComparison.Ordinal);
        Assert.DoesNotContain(bench.Lines, line => line.Text.TrimStart().StartsWith("at Tuner.", StringComparison.Ordinal));
    }

    private static IEnumerable<int> ChildrenOf(int pid) =>
        Directory.EnumerateDirectories($"/proc/{pid}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(int.Parse);
}
