using System.Diagnostics;
using System.Globalization;
using Tuner.Coordinator.Coordination;
using Tuner.Coordinator.Hosting;
using Tuner.Coordinator.Processes;
using Tuner.Coordinator.Scheduling;
using Tuner.Coordinator.SearchSpaces;
using Tuner.TrialWorker.Data;
using Tuner.TrialWorker.Training;

namespace Tuner.Coordinator.Benchmarks;

/// <summary>
/// Runs a real coordinator in this process, on loopback, against worker processes whose workers train nothing, so
/// that results arrive as fast as the coordinator and remoting can take them. Timestamps are taken inside the
/// coordinator only: no clocks are compared across processes.
/// </summary>
public static class CoordinatorBenchmark
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(50);

    /// <exception cref="FileNotFoundException">trial-worker.dll is not beside this program.</exception>
    /// <exception cref="CoordinatorBenchmarkException">a worker process ended before the study, or the study took too long.</exception>
    public static async Task<CoordinatorBenchmarkResult> RunAsync(CoordinatorBenchmarkOptions options, TextWriter progress, CancellationToken cancellation)
    {
        var workerProgram = TunerPrograms.TrialWorker;
        var logs = Directory.CreateTempSubdirectory("tuner-bench-");
        var port = LoopbackPort.Free();
        // Warnings only: at thousands of results a second, console and file logging of every trial would be measured instead.
        var quiet = new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Logs:Directory"] = logs.FullName,
        };
        var settings = new TuneSettings(
            BuiltInStudies.Find("seed-mlp")!,
            options.Schedule,
            options.Seed,
            HyperbandEngine.DefaultMaxAttempts,
            new DataOptions(),
            ThreadsPerTrial: 1,
            LocalWorkers: null,
            new Dictionary<string, string?>(quiet)
            {
                ["Node:Hostname"] = "127.0.0.1",
                ["Node:Port"] = port.ToString(CultureInfo.InvariantCulture),
            })
        {
            // The journal and checkpoint files a real study keeps, written as they would be.
            Directory = Path.Combine(logs.FullName, "study"),
        };
        var turnaround = new ResultTurnaround(options.WarmupResults);
        var workers = new List<ChildProcess>();
        using var stopStudy = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var stopSampling = new CancellationTokenSource();
        Task<StudyEnded>? study = null;
        try
        {
            var start = new ProcessorSample(0, CoordinatorCpu(), TimeSpan.Zero);
            var started = Stopwatch.StartNew();
            var untrained = new Lazy<PreparedDataset>(() => throw new InvalidOperationException("the coordinator benchmark trains nothing"));
            study = StudyHost.RunAsync(settings, untrained, liveView: false, turnaround, stopStudy.Token);
            var environment = quiet.ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value);
            for (var p = 1; p <= options.Processes; p++)
            {
                workers.Add(ChildProcess.Start(workerProgram,
                [
                    "--coordinator", $"akka.tcp://tuner@127.0.0.1:{port}", "--worker-id", $"bench-{p}", "--slots", "1",
                    "--no-op-workers", options.WorkersPerProcess.ToString(CultureInfo.InvariantCulture),
                    "--no-op-trial-time", options.TrialTime.ToString("c", CultureInfo.InvariantCulture),
                ], environment: environment));
            }
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# coordinator on 127.0.0.1:{port}, {options.Processes} worker processes of {options.WorkersPerProcess} no-op workers, ") +
                (options.OfferedLoad is { } offered
                    ? string.Create(CultureInfo.InvariantCulture, $"each run taking {options.TrialTime.TotalMilliseconds:F0} ms: offering at most {offered:F0} results/s")
                    : "each run answered at once: as many results as the coordinator takes"));
            var sampling = SampleAsync(turnaround, workers, options.WarmupResults, start, stopSampling.Token);
            var ended = await WhileWorkersRunAsync(study, workers, cancellation);
            var elapsed = started.Elapsed;
            await stopSampling.CancelAsync();
            var (warm, last) = await sampling;
            if (ended.Status.RunsCompleted != turnaround.Results)
            {
                progress.WriteLine($"# note: {turnaround.Results} results arrived for {ended.Status.RunsCompleted} runs counted (lost or failed attempts)");
            }
            foreach (var worker in workers)
            {
                await worker.WaitForExitAsync(TimeSpan.FromSeconds(30), cancellation);
            }
            return new CoordinatorBenchmarkResult(
                turnaround.Results,
                ended.Status.RunsCompleted,
                ended.Status.Brackets.Select(b => b.Iteration + 1).DefaultIfEmpty(0).Max(),
                elapsed,
                Window(turnaround.WarmUp, (warm ?? last).Since(start)),
                Window(turnaround.Steady, warm is null ? default : last.Since(warm.Value)));
        }
        finally
        {
            await stopStudy.CancelAsync();
            if (study is not null)
            {
                // Its journal lives in the folder deleted below.
                await Task.WhenAny(study, Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None));
            }
            foreach (var worker in workers)
            {
                worker.Dispose();
            }
            logs.Delete(recursive: true);
        }
    }

    private static TimeSpan CoordinatorCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static CoordinatorBenchmarkWindow Window(TurnaroundWindow window, ProcessorSample used) => new(
        window.Results,
        window.ResultsPerSecond,
        window.Measured,
        window.Percentile(50),
        window.Percentile(99),
        window.Percentile(100),
        used.Results,
        used.Coordinator,
        used.Workers);

    // Every worker process's CPU time is read while they all run (an ended process's is gone), together with the
    // results counted by then: the first sample at or past the warm-up, and the last one.
    private static async Task<(ProcessorSample? Warm, ProcessorSample Last)> SampleAsync(ResultTurnaround turnaround, List<ChildProcess> workers, int warmupResults, ProcessorSample start, CancellationToken stop)
    {
        ProcessorSample? warm = warmupResults == 0 ? start : null;
        var last = start;
        using var timer = new PeriodicTimer(SampleEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var results = turnaround.Results;
                var coordinator = CoordinatorCpu();
                var perWorker = workers.Select(worker => worker.ProcessorTime).ToList();
                if (perWorker.Any(cpu => cpu is null))
                {
                    continue;
                }
                last = new ProcessorSample(results, coordinator, perWorker.Aggregate(TimeSpan.Zero, (sum, cpu) => sum + cpu!.Value));
                if (warm is null && results >= warmupResults)
                {
                    warm = last;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        return (warm, last);
    }

    // A worker process that dies would leave the study waiting for its results until the patience runs out. Workers
    // exit with 0 once told the study finished, which can come before the study's host has stopped.
    private static async Task<StudyEnded> WhileWorkersRunAsync(Task<StudyEnded> study, List<ChildProcess> workers, CancellationToken cancellation)
    {
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var exits = workers.Select(worker => worker.WaitForExitAsync(Timeout.InfiniteTimeSpan, stopWatching.Token)).ToList();
        var watched = exits.ToList();
        var patience = Task.Delay(Patience, stopWatching.Token);
        while (true)
        {
            var first = await Task.WhenAny([study, patience, .. watched]);
            if (first == study || cancellation.IsCancellationRequested)
            {
                await stopWatching.CancelAsync();
                return await study.WaitAsync(cancellation);
            }
            if (first == patience)
            {
                throw new CoordinatorBenchmarkException($"the study did not end within {Patience.TotalMinutes:F0} min; fewer --iterations finish sooner");
            }
            var exit = (Task<int>)first;
            watched.Remove(exit);
            if (await exit != 0)
            {
                var dead = exits.IndexOf(exit);
                throw new CoordinatorBenchmarkException($"worker process bench-{dead + 1}: {workers[dead].HowItEnded()}; the study cannot finish without it");
            }
        }
    }
}
