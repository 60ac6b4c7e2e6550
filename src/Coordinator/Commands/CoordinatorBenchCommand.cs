using System.CommandLine;
using System.Globalization;
using Tuner.Coordinator.Benchmarks;
using Tuner.Coordinator.Scheduling;

namespace Tuner.Coordinator.Commands;

/// <summary>
/// `tuner bench coordinator`: how many trial results a coordinator handles per second, and how soon a worker that
/// reported gets its next trial, with workers that train nothing, over real remoting on loopback.
/// </summary>
public static class CoordinatorBenchCommand
{
    public static Command Create()
    {
        var processes = new Option<int>("--processes") { Description = "Worker processes", DefaultValueFactory = _ => 2 };
        var workers = new Option<int>("--workers") { Description = "No-op workers (one slot each) in each worker process", DefaultValueFactory = _ => 32 };
        var schedule = new Option<string>("--schedule") { Description = "hyperband, keras or asha", DefaultValueFactory = _ => "hyperband" };
        schedule.AcceptOnlyFromAmong("hyperband", "keras", "asha");
        var maxEpochs = new Option<int>("--max-epochs") { Description = "R: the most epochs one configuration is trained", DefaultValueFactory = _ => 81 };
        var factor = new Option<int>("--factor") { Description = "eta: each rung keeps 1/eta of the configurations, for eta times the epochs", DefaultValueFactory = _ => 3 };
        var iterations = new Option<int>("--iterations") { Description = "How many times the brackets run, warm-up included; sets the number of results (the seed's space runs out of new configurations at about 65 of R=81, eta=3)", DefaultValueFactory = _ => 50 };
        var warmup = new Option<int>("--warmup-iterations") { Description = "The first iterations, whose results (as many as they plan) are reported apart as the warm-up: start-up and JIT compilation, not the steady state", DefaultValueFactory = _ => 20 };
        var seed = new Option<long>("--seed") { Description = "Seed of sampling", DefaultValueFactory = _ => 1 };
        var trialTime = new Option<TimeSpan>("--trial-time")
        {
            Description = "How long each run takes on its worker, as training would (e.g. 00:00:00.012): the workers then offer a known load, at which the latency is measured; 0 answers at once, which finds the most the coordinator takes",
        };
        foreach (var positive in new[] { processes, workers, iterations })
        {
            positive.AtLeast(1);
        }
        warmup.AtLeast(0);
        var command = new Command("coordinator", "Results handled per second and the latency from a result to the next assignment (median, p99), with no-op workers in separate processes over real remoting on loopback.")
        {
            processes, workers, schedule, maxEpochs, factor, iterations, warmup, seed, trialTime,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var output = result.InvocationConfiguration.Output;
            var plan = new ScheduleOptions(Enum.Parse<ScheduleKind>(result.GetValue(schedule)!, ignoreCase: true), result.GetValue(maxEpochs), result.GetValue(factor), result.GetValue(iterations));
            var options = new CoordinatorBenchmarkOptions(result.GetValue(processes), result.GetValue(workers), plan, result.GetValue(seed), result.GetValue(warmup), result.GetValue(trialTime));
            if (options.Problems() is [var problem, ..])
            {
                result.InvocationConfiguration.Error.WriteLine($"bench coordinator: {problem}");
                return 2;
            }
            var planned = SchedulePlanner.Plan(plan).Runs;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# up to {planned} runs ({plan.Kind.ToString().ToLowerInvariant()}, R={plan.MaxEpochs}, eta={plan.Factor}, {plan.Iterations} iterations), the first {options.WarmupResults} results ({options.WarmupIterations} iterations) the warm-up; load average before: {LoadAverage()}"));
            CoordinatorBenchmarkResult measured;
            try
            {
                measured = await CoordinatorBenchmark.RunAsync(options, output, cancellation);
            }
            catch (Exception e) when (e is CoordinatorBenchmarkException or FileNotFoundException)
            {
                result.InvocationConfiguration.Error.WriteLine($"bench coordinator failed: {e.Message}");
                return 1;
            }
            if (measured.Shortfall(planned) is { } shortfall)
            {
                output.WriteLine($"# {shortfall}");
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"results: {measured.Results} in {measured.Elapsed.TotalSeconds:F1} s (load average after: {LoadAverage()})"));
            Print(output, "warm-up", measured.WarmUp);
            Print(output, "measured", measured.Steady);
            if (measured.Steady.Results == 0)
            {
                output.WriteLine("# nothing was measured after the warm-up: give more --iterations or fewer --warmup-iterations");
            }
            return 0;
        });
        return command;
    }

    private static void Print(TextWriter output, string stretch, CoordinatorBenchmarkWindow window)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{stretch}: {window.Results} results, {window.ResultsPerSecond:F0} results/s; result to next assignment ({window.Measured} measured): median {window.MedianTurnaround.TotalMilliseconds:F2} ms, p99 {window.P99Turnaround.TotalMilliseconds:F2} ms, worst {window.WorstTurnaround.TotalMilliseconds:F2} ms"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{stretch}: CPU per result over {window.CpuResults} results: coordinator process {window.CoordinatorCpuPerResult.TotalMicroseconds:F0} us, worker processes {window.WorkersCpuPerResult.TotalMicroseconds:F0} us"));
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
