using System.Diagnostics;
using System.Globalization;
using Tuner.Coordinator.Coordination;
using Tuner.Coordinator.Hosting;
using Tuner.Coordinator.Processes;
using Tuner.Coordinator.Scheduling;
using Tuner.Coordinator.SearchSpaces;
using Tuner.TrialWorker.Data;
using Tuner.TrialWorker.Training;
using Tuner.TrialWorker.Workers;

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
            BuiltInStudies.Find(options.Study)!,
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
        var turnaround = new ResultTurnaround(warmingUp: true);
        var workers = new List<ChildProcess>();
        var workersJit = new JitActivity[options.Processes];
        var measuredEnough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopStudy = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var stopSampling = new CancellationTokenSource();
        Task<StudyEnded>? study = null;
        try
        {
            var started = Stopwatch.StartNew();
            var start = new ProcessorSample(TimeSpan.Zero, 0, CoordinatorCpu(), TimeSpan.Zero, JitActivity.OfThisProcess(), default, GcActivity.OfThisProcess());
            var untrained = new Lazy<PreparedDataset>(() => throw new InvalidOperationException("the coordinator benchmark trains nothing"));
            study = StudyHost.RunAsync(settings, untrained, liveView: false, turnaround, stopStudy.Token);
            var environment = quiet.ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value);
            for (var p = 1; p <= options.Processes; p++)
            {
                var index = p - 1;
                workers.Add(ChildProcess.Start(workerProgram,
                [
                    "--coordinator", $"akka.tcp://tuner@127.0.0.1:{port}", "--worker-id", $"bench-{p}", "--slots", "1",
                    "--no-op-workers", options.WorkersPerProcess.ToString(CultureInfo.InvariantCulture),
                    "--no-op-trial-time", options.TrialTime.ToString("c", CultureInfo.InvariantCulture),
                ], environment: environment, echo: line =>
                {
                    if (JitActivity.FromLine(line.Text) is { } jit)
                    {
                        lock (workersJit)
                        {
                            workersJit[index] = jit;
                        }
                    }
                }));
            }
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# coordinator on 127.0.0.1:{port}, {options.Processes} worker processes of {options.WorkersPerProcess} no-op workers, ") +
                (options.OfferedLoad is { } offered
                    ? string.Create(CultureInfo.InvariantCulture, $"each run taking {options.TrialTime.TotalMilliseconds:F0} ms: offering at most {offered:F0} results/s")
                    : "each run answered at once: as many results as the coordinator takes"));
            var sample = () =>
            {
                var perWorker = workers.Select(worker => worker.ProcessorTime).ToList();
                if (perWorker.Any(cpu => cpu is null))
                {
                    return (ProcessorSample?)null;
                }
                JitActivity workerJit;
                lock (workersJit)
                {
                    workerJit = workersJit.Aggregate(default(JitActivity), (sum, jit) => sum + jit);
                }
                return new ProcessorSample(started.Elapsed, turnaround.Results, CoordinatorCpu(), perWorker.Aggregate(TimeSpan.Zero, (sum, cpu) => sum + cpu!.Value), JitActivity.OfThisProcess(), workerJit, GcActivity.OfThisProcess());
            };
            var sampling = SampleAsync(options, turnaround, sample, start, measuredEnough, stopSampling.Token);
            var ended = await WhileWorkersRunAsync(study, workers, measuredEnough.Task, cancellation);
            var elapsed = started.Elapsed;
            await stopSampling.CancelAsync();
            var (warm, last) = await sampling;
            if (ended is not null && ended.Status.RunsCompleted != turnaround.Results)
            {
                progress.WriteLine($"# note: {turnaround.Results} results arrived for {ended.Status.RunsCompleted} runs counted (lost or failed attempts)");
            }
            if (ended is not null)
            {
                foreach (var worker in workers)
                {
                    await worker.WaitForExitAsync(TimeSpan.FromSeconds(30), cancellation);
                }
            }
            return new CoordinatorBenchmarkResult(
                turnaround.Results,
                ended is null ? null : (ended.Status.RunsCompleted, ended.Status.Brackets.Select(b => b.Iteration + 1).DefaultIfEmpty(0).Max()),
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
        used.Elapsed,
        used.Results,
        used.Coordinator,
        used.Workers,
        used.CoordinatorJit,
        used.WorkersJit,
        used.CoordinatorGc);

    // Every worker process's CPU time is read while they all run (an ended process's is gone), together with the
    // results counted by then. The sample that ends the warm-up and the one that ends the measured stretch also end
    // them in the turnaround, so that both kinds of figure cover the same stretch.
    private static async Task<(ProcessorSample? Warm, ProcessorSample Last)> SampleAsync(
        CoordinatorBenchmarkOptions options, ResultTurnaround turnaround, Func<ProcessorSample?> sample, ProcessorSample start, TaskCompletionSource measuredEnough, CancellationToken stop)
    {
        ProcessorSample? warm = null;
        var last = start;
        using var timer = new PeriodicTimer(SampleEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (sample() is not { } now)
                {
                    continue;
                }
                last = now;
                if (warm is null && now.Results >= options.WarmupResults && now.Elapsed >= options.WarmupTime)
                {
                    turnaround.EndWarmUp();
                    warm = now;
                }
                else if (warm is { } warmEnd && now.Elapsed - warmEnd.Elapsed >= options.MeasureTime)
                {
                    turnaround.EndMeasurement();
                    measuredEnough.TrySetResult();
                    break;
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
    // Null when the measured time ended first: the study is still running, to be stopped.
    private static async Task<StudyEnded?> WhileWorkersRunAsync(Task<StudyEnded> study, List<ChildProcess> workers, Task measuredEnough, CancellationToken cancellation)
    {
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var exits = workers.Select(worker => worker.WaitForExitAsync(Timeout.InfiniteTimeSpan, stopWatching.Token)).ToList();
        var watched = exits.ToList();
        var patience = Task.Delay(Patience, stopWatching.Token);
        while (true)
        {
            var first = await Task.WhenAny([study, patience, measuredEnough, .. watched]);
            if (first == measuredEnough && !study.IsCompleted)
            {
                await stopWatching.CancelAsync();
                return null;
            }
            if (first == study || first == measuredEnough || cancellation.IsCancellationRequested)
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
