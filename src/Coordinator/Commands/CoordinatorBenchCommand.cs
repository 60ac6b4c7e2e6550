using System.CommandLine;
using System.Globalization;
using Tuner.Coordinator.Benchmarks;
using Tuner.Coordinator.Scheduling;
using Tuner.Coordinator.SearchSpaces;

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
        var study = new Option<string>("--study") { Description = $"The built-in study ({string.Join(", ", BuiltInStudies.All.Select(s => s.Name))}) whose search space the runs sample (their hyperparameters ride in every assignment); the seed's first, seed-mlp, runs out of new configurations at about 13,000 runs of R=81, eta=3", DefaultValueFactory = _ => CoordinatorBenchmarkOptions.DefaultStudy };
        var iterations = new Option<int>("--iterations") { Description = "How many times the brackets run, warm-up included: the most results the run can have (it usually ends by --measure-time first)", DefaultValueFactory = _ => 2000 };
        var warmup = new Option<int>("--warmup-iterations") { Description = "The warm-up, reported apart, lasts at least as many results as these first iterations plan: start-up and JIT compilation are not the steady state", DefaultValueFactory = _ => 20 };
        var warmupTime = new Option<TimeSpan>("--warmup-time") { Description = "The warm-up also lasts at least this long from the start (each process compiles for its first 8 to 15 s here)", DefaultValueFactory = _ => TimeSpan.FromSeconds(20) };
        var measureTime = new Option<TimeSpan>("--measure-time") { Description = "How long the steady state after the warm-up is measured; then the study is stopped (it ends sooner if its --iterations are done)", DefaultValueFactory = _ => TimeSpan.FromSeconds(30) };
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
        foreach (var duration in new[] { warmupTime, measureTime, trialTime })
        {
            duration.Duration();
        }
        var command = new Command("coordinator", "Results handled per second and the latency from a result to the next assignment (median, p99), with no-op workers in separate processes over real remoting on loopback.")
        {
            processes, workers, study, schedule, maxEpochs, factor, iterations, warmup, warmupTime, measureTime, seed, trialTime,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var output = result.InvocationConfiguration.Output;
            var plan = new ScheduleOptions(Enum.Parse<ScheduleKind>(result.GetValue(schedule)!, ignoreCase: true), result.GetValue(maxEpochs), result.GetValue(factor), result.GetValue(iterations));
            var options = new CoordinatorBenchmarkOptions(result.GetValue(processes), result.GetValue(workers), plan, result.GetValue(seed), result.GetValue(warmup), result.GetValue(trialTime))
            {
                Study = result.GetValue(study)!,
                WarmupTime = result.GetValue(warmupTime),
                MeasureTime = result.GetValue(measureTime),
            };
            if (options.Problems() is [var problem, ..])
            {
                result.InvocationConfiguration.Error.WriteLine($"bench coordinator: {problem}");
                return 2;
            }
            var planned = SchedulePlanner.Plan(plan).Runs;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# {options.Study}, up to {planned} runs ({plan.Kind.ToString().ToLowerInvariant()}, R={plan.MaxEpochs}, eta={plan.Factor}, {plan.Iterations} iterations); warm-up: at least {options.WarmupResults} results ({options.WarmupIterations} iterations) and {options.WarmupTime.TotalSeconds:F0} s, then {options.MeasureTime!.Value.TotalSeconds:F0} s measured; load average before: {LoadAverage()}"));
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
                output.WriteLine("# nothing was measured after the warm-up: give more --iterations, or fewer --warmup-iterations or a shorter --warmup-time");
            }
            else if (Math.Max(measured.Steady.CoordinatorJitShare, measured.Steady.WorkersJitShare) >= StillCompiling)
            {
                output.WriteLine("# the JIT was still compiling after the warm-up, so this is not yet the steady state: give a longer --warmup-time");
            }
            return 0;
        });
        return command;
    }

    // JIT time over CPU time above which a process is taken to be still compiling its start-up (the steady state
    // here compiles a trickle: about 2% of the CPU time, in bursts).
    private const double StillCompiling = 0.1;

    private static void Print(TextWriter output, string stretch, CoordinatorBenchmarkWindow window)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{stretch}: {window.Results} results, {window.ResultsPerSecond:F0} results/s; result to next assignment ({window.Measured} measured): median {window.MedianTurnaround.TotalMilliseconds:F2} ms, p99 {window.P99Turnaround.TotalMilliseconds:F2} ms, worst {window.WorstTurnaround.TotalMilliseconds:F2} ms"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{stretch}: CPU per result over {window.CpuResults} results in {window.Sampled.TotalSeconds:F1} s: coordinator process {window.CoordinatorCpuPerResult.TotalMicroseconds:F0} us, worker processes {window.WorkersCpuPerResult.TotalMicroseconds:F0} us"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{stretch}: JIT compiled {window.CoordinatorJit.Methods} methods in {window.CoordinatorJit.Time.TotalSeconds:F2} s in the coordinator process (CPU {window.CoordinatorCpu.TotalSeconds:F2} s), {window.WorkersJit.Methods} in {window.WorkersJit.Time.TotalSeconds:F2} s in the worker processes (CPU {window.WorkersCpu.TotalSeconds:F2} s)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{stretch}: GC in the coordinator process: {window.CoordinatorGc.Collections} collections ({window.CoordinatorGc.FullCollections} of generation 2), paused {window.CoordinatorGc.Pause.TotalMilliseconds:F0} ms in all, {window.CoordinatorGc.MeanPause.TotalMilliseconds:F1} ms each; {window.CoordinatorAllocatedPerResult / 1024.0:F1} KiB allocated per result"));
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
