using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tuner.Coordinator.Processes;
using Tuner.Coordinator.Reporting;
using Tuner.Coordinator.Scheduling;
using Tuner.Coordinator.Tests.Commands;
using Tuner.Coordinator.Tests.Processes;
using Tuner.TrialWorker.Tests.Training;

namespace Tuner.Coordinator.Tests.EndToEnd;

/// <summary>
/// The cluster as a user runs it: a `tuner tune` coordinator and two `trial-worker` processes on loopback, a tiny real
/// study, and one worker killed with SIGKILL while it trains a promoted run.
/// </summary>
public sealed partial class KilledWorkerTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private static readonly ScheduleOptions Schedule = new(ScheduleKind.Keras, MaxEpochs: 4, Factor: 2);

    private readonly SyntheticIdx _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_worker_killed_during_a_promoted_run_loses_nothing_and_the_run_resumes_from_its_checkpoint_elsewhere()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var data = DataArguments();
        var studyDirectory = _files.Path("study");
        var port = LoopbackPort.Free();
        var coordinatorAddress = $"akka.tcp://tuner@127.0.0.1:{port}";

        using var coordinator = Start("coordinator", TunerPrograms.Tuner,
        [
            "tune", "--study", WriteStudyFile(), "--schedule", "keras", "--max-epochs", "4", "--factor", "2", "--seed", "3",
            "--port", port.ToString(CultureInfo.InvariantCulture), "--threads", "1", "--retrain-epochs", "0",
            "--output", studyDirectory, "--plain", .. data,
        ]);
        await coordinator.WaitForLineAsync(l => l.Text.Contains("Coordinator listening at", StringComparison.Ordinal), Patience, "its address", cancellation);
        var workers = new[] { "a", "b" }.ToDictionary(id => id, id => Start($"worker-{id}", TunerPrograms.TrialWorker,
            ["--coordinator", coordinatorAddress, "--worker-id", id, "--slots", "1", "--threads", "1", .. data]));
        try
        {
            // The first promoted run of two epochs, on whichever worker gets it: it resumes from a checkpoint, and it
            // is still training for a second or more after it says it starts.
            var started = await Task.WhenAny(workers.Select(async pair =>
                (Worker: pair.Key, Run: ParseStart(await pair.Value.WaitForLineAsync(l => ParseStart(l) is { From: > 0 } run && run.To - run.From >= 2, Patience, "a promoted run's start", cancellation))!.Value)));
            var (killedWorker, killedRun) = await started;
            workers[killedWorker].Kill();
            output.WriteLine($"killed worker {killedWorker} running trial {killedRun.Trial} epochs {killedRun.From + 1}..{killedRun.To} attempt {killedRun.Attempt}");
            var survivor = workers.Keys.Single(id => id != killedWorker);

            await coordinator.WaitForLineAsync(l => l.Text.Contains($"Trial {killedRun.Trial} attempt {killedRun.Attempt} lost", StringComparison.Ordinal), Patience, "the killed attempt's loss", cancellation);
            var resumed = await workers[survivor].WaitForLineAsync(
                l => ParseStart(l) is { } run && run.Trial == killedRun.Trial && run.From == killedRun.From && run.To == killedRun.To,
                Patience, $"trial {killedRun.Trial} resumed", cancellation);
            Assert.True(ParseStart(resumed)!.Value.Attempt > killedRun.Attempt, $"the resumed run has a higher attempt number than {killedRun.Attempt}: {resumed.Text}");
            Assert.Equal(0, await coordinator.WaitForExitAsync(Patience, cancellation));

            var trials = ResultsJson.ReadTrials(File.ReadAllBytes(Path.Combine(studyDirectory, StudyReportWriter.TrialsJsonName)));
            AssertEveryRunOnceAsPlanned(trials);
            var rerun = trials.Single(t => t.TrialId == killedRun.Trial).Runs.Single(r => r.FromEpoch == killedRun.From);
            Assert.Equal(survivor, rerun.WorkerId);
            Assert.Equal(Enumerable.Range(killedRun.From + 1, killedRun.To - killedRun.From), rerun.Epochs.Select(e => e.Epoch));

            using var rows = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(studyDirectory, StudyReportWriter.ResultsJsonName)));
            Assert.Equal(SchedulePlanner.Plan(Schedule).Runs, rows.RootElement.GetArrayLength());
            var summary = coordinator.Lines.Single(l => l.Text.StartsWith("Runs: ", StringComparison.Ordinal)).Text;
            Assert.StartsWith($"Runs: {SchedulePlanner.Plan(Schedule).Runs} ", summary, StringComparison.Ordinal);
            Assert.Contains($"epochs trained: {SchedulePlanner.Plan(Schedule).Epochs}, failed: 0", summary, StringComparison.Ordinal);
            // Real training on learnable data, not a stand-in: the best run is far above chance.
            Assert.True(trials.Max(t => t.BestValidationAccuracy) > 0.5, "the best validation accuracy is above 0.5");
        }
        finally
        {
            foreach (var worker in workers.Values)
            {
                worker.Dispose();
            }
        }
    }

    // The plan's runs exactly: each planned rung holds as many runs as planned, every trial climbs its rungs in order
    // from its own checkpoint, and no epoch is counted twice.
    private static void AssertEveryRunOnceAsPlanned(IReadOnlyList<TrialRecord> trials)
    {
        var plan = SchedulePlanner.Plan(Schedule);
        foreach (var bracket in plan.Brackets)
        {
            var inBracket = trials.Where(t => t.Bracket == bracket.Bracket).ToList();
            Assert.Equal(bracket.Rungs.Select(r => r.Configurations), bracket.Rungs.Select((_, rung) => inBracket.Count(t => t.Runs.Any(r => r.Rung == rung))));
        }
        Assert.Equal(plan.Configurations, trials.Count);
        foreach (var trial in trials)
        {
            Assert.NotEqual(TrialEnd.Failed, trial.Status);
            Assert.Equal(Enumerable.Range(0, trial.Runs.Count), trial.Runs.Select(r => r.Rung));
            var from = 0;
            foreach (var run in trial.Runs)
            {
                Assert.Equal(from, run.FromEpoch);
                Assert.Equal(Enumerable.Range(run.FromEpoch + 1, run.ToEpoch - run.FromEpoch), run.Epochs.Select(e => e.Epoch));
                from = run.ToEpoch;
            }
        }
    }

    // A killed worker is forgotten after Study:WorkerSilence, here 8 s; with the defaults the split-brain resolver
    // removes it first, about 25 s after the kill (stable-after 20 s), which would double this test's time.
    private ChildProcess Start(string name, string program, string[] arguments) =>
        ChildProcess.Start(program, arguments, workingDirectory: _files.Directory,
            environment: new Dictionary<string, string?> { ["Logs__Directory"] = _files.Path("logs"), ["Study__WorkerSilence"] = "00:00:08" },
            echo: ProcessOutput.EchoTo(output, name));

    private static (int Trial, int From, int To, int Attempt)? ParseStart(OutputLine line) =>
        WorkerStarts().Match(line.Text) is { Success: true } m
            ? (Parse(m, "trial"), Parse(m, "from") - 1, Parse(m, "to"), Parse(m, "attempt"))
            : null;

    private static int Parse(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"starts trial (?<trial>\d+) epochs (?<from>\d+)\.\.(?<to>\d+) \(attempt (?<attempt>\d+)\)")]
    private static partial Regex WorkerStarts();

    // Learnable data small enough that an epoch takes under a second on one Torch thread: long enough to kill a
    // worker inside a two-epoch run, short enough for the whole study to take well under a minute.
    private string[] DataArguments()
    {
        var splits = SyntheticData.Learnable(trainCount: 8_000, evaluationCount: 1_000, seed: 5);
        var (trainImages, trainLabels) = _files.WriteImageSet("train", splits.Train);
        var (testImages, testLabels) = _files.WriteImageSet("test", splits.Test);
        return ["--train-images", trainImages, "--train-labels", trainLabels, "--test-images", testImages, "--test-labels", testLabels];
    }

    private string WriteStudyFile()
    {
        var path = _files.Path("study.json");
        File.WriteAllText(path, """
            {
              "name": "e2e",
              "parameters": [
                { "name": "learning_rate", "type": "choice", "values": [0.001, 0.0003] },
                { "name": "batch_size", "type": "fixed", "value": 32 },
                { "name": "num_layers", "type": "fixed", "value": 2 },
                { "name": "num_units_0", "type": "int", "min": 64, "max": 256, "step": 16 },
                { "name": "num_units_1", "type": "int", "min": 64, "max": 256, "step": 16 }
              ]
            }
            """);
        return path;
    }
}
