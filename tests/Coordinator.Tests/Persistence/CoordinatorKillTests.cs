using Tuner.Coordinator.Processes;
using Tuner.Coordinator.Tests.Commands;
using Tuner.Coordinator.Tests.Processes;

namespace Tuner.Coordinator.Tests.Persistence;

/// <summary>
/// Real processes: a coordinator killed with SIGKILL mid-study and started again on its study directory, its worker
/// removed from the cluster and rejoining by itself; the study ends as an uninterrupted run with the same seed.
/// </summary>
public sealed class CoordinatorKillTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly SyntheticIdx _data = new();
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("tuner-kill-");

    public void Dispose()
    {
        _data.Dispose();
        _work.Delete(recursive: true);
    }

    [Fact]
    public async Task A_coordinator_killed_mid_study_resumes_and_ends_with_the_uninterrupted_best()
    {
        var cancellation = TestContext.Current.CancellationToken;
        // Pixel value = image index, label = index / 20: learnable, so that configurations score apart.
        var files = _data.WriteDataset([.. Enumerable.Range(0, 200).Select(i => (byte)(i / 20))], [.. Enumerable.Range(0, 100).Select(i => (byte)(i / 20))], gzip: false);
        string[] study = ["tune", "--study", "seed-mlp", "--schedule", "keras", "--max-epochs", "4", "--factor", "2", "--seed", "5", "--plain", "--retrain-epochs", "0",
            "--train-images", files[0], "--train-labels", files[1], "--test-images", files[2], "--test-labels", files[3]];
        var port = LoopbackPort.Free();
        string[] cluster = [.. study, "--port", $"{port}", "--output", Path.Combine(_work.FullName, "killed")];

        using (var doomed = Start("coordinator", TunerPrograms.Tuner, cluster))
        using (var worker = Start("worker", TunerPrograms.TrialWorker, "--coordinator", $"akka.tcp://tuner@127.0.0.1:{port}", "--worker-id", "w1", "--slots", "1",
            "--train-images", files[0], "--train-labels", files[1], "--test-images", files[2], "--test-labels", files[3]))
        {
            for (var results = 1; results <= 4; results++)
            {
                var n = results;
                await doomed.WaitForLineAsync(l => doomed.Lines.Count(x => x.Text.Contains("reached epoch", StringComparison.Ordinal)) >= n, Patience, $"result {n}", cancellation);
            }
            doomed.Kill();
            Assert.Equal(128 + 9, await doomed.WaitForExitAsync(Patience, cancellation));
            // Killed, the coordinator left its write-ahead log behind: the resume below reads the last results from it.
            var journal = Path.Combine(_work.FullName, "killed", "journal.db");
            Assert.True(File.Exists($"{journal}-wal"), "no write-ahead log beside the killed coordinator's journal");

            using var restarted = Start("restarted", TunerPrograms.Tuner, cluster);
            await restarted.WaitForLineAsync(l => l.Text.Contains("Resuming study seed-mlp: ", StringComparison.Ordinal), Patience, "the resume line", cancellation);
            Assert.Equal(0, await restarted.WaitForExitAsync(Patience, cancellation));
            Assert.False(File.Exists($"{journal}-wal"), "the write-ahead log outlived the study");
            Assert.Equal(0, await worker.WaitForExitAsync(Patience, cancellation));
            Assert.Contains(worker.Lines, l => l.Text.Contains("rejoin", StringComparison.Ordinal));
            using var uninterrupted = Start("uninterrupted", TunerPrograms.Tuner, [.. study, "--local", "--workers", "1", "--output", Path.Combine(_work.FullName, "whole")]);
            Assert.Equal(0, await uninterrupted.WaitForExitAsync(Patience, cancellation));

            Assert.Equal(Summary(uninterrupted), Summary(restarted));
        }
    }

    private static string[] Summary(ChildProcess tune) =>
        [.. tune.Lines.Select(l => l.Text).Where(t => t.StartsWith("Best ", StringComparison.Ordinal) || t.StartsWith("Runs: ", StringComparison.Ordinal))];

    private ChildProcess Start(string name, string program, params string[] arguments) =>
        ChildProcess.Start(program, arguments, workingDirectory: _work.FullName,
            environment: new Dictionary<string, string?> { ["Logs__Directory"] = Path.Combine(_work.FullName, "logs") },
            echo: ProcessOutput.EchoTo(output, name));
}
