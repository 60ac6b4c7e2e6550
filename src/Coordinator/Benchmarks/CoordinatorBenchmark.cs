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

    public static async Task<CoordinatorBenchmarkResult> RunAsync(CoordinatorBenchmarkOptions options, TextWriter progress, CancellationToken cancellation)
    {
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
        var turnaround = new ResultTurnaround();
        var workers = new List<ChildProcess>();
        try
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var started = Stopwatch.StartNew();
            var untrained = new Lazy<PreparedDataset>(() => throw new InvalidOperationException("the coordinator benchmark trains nothing"));
            var study = StudyHost.RunAsync(settings, untrained, liveView: false, turnaround, cancellation);
            var environment = quiet.ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value);
            for (var p = 1; p <= options.Processes; p++)
            {
                workers.Add(ChildProcess.Start(TunerPrograms.TrialWorker,
                [
                    "--coordinator", $"akka.tcp://tuner@127.0.0.1:{port}", "--worker-id", $"bench-{p}", "--slots", "1",
                    "--no-op-workers", options.WorkersPerProcess.ToString(CultureInfo.InvariantCulture),
                ], environment: environment));
            }
            progress.WriteLine($"# coordinator on 127.0.0.1:{port}, {options.Processes} worker processes of {options.WorkersPerProcess} no-op workers");
            var ended = await study.WaitAsync(Patience, cancellation);
            var elapsed = started.Elapsed;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
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
                turnaround.ResultsPerSecond,
                turnaround.Measured,
                turnaround.Percentile(50),
                turnaround.Percentile(99),
                turnaround.Percentile(100),
                cpu,
                elapsed);
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }
            logs.Delete(recursive: true);
        }
    }
}
