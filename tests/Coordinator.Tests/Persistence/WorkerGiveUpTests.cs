using Tuner.Coordinator.Processes;
using Tuner.Coordinator.Tests.Processes;

namespace Tuner.Coordinator.Tests.Persistence;

/// <summary>A worker whose coordinator never comes back does not wait forever.</summary>
public sealed class WorkerGiveUpTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _logs = Directory.CreateTempSubdirectory("tuner-give-up-");

    public void Dispose() => _logs.Delete(recursive: true);

    [Fact]
    public async Task A_worker_that_reaches_no_coordinator_for_give_up_after_exits_with_code_3_saying_why()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var worker = ChildProcess.Start(
            TunerPrograms.TrialWorker,
            ["--coordinator", $"akka.tcp://tuner@127.0.0.1:{LoopbackPort.Free()}", "--worker-id", "lonely", "--give-up-after", "00:00:03"],
            environment: new Dictionary<string, string?> { ["Logs__Directory"] = _logs.FullName },
            echo: ProcessOutput.EchoTo(output, "worker"));

        Assert.Equal(3, await worker.WaitForExitAsync(TimeSpan.FromSeconds(90), cancellation));
        Assert.Contains(worker.Lines, l => l.IsError && l.Text.Contains("No coordinator reachable", StringComparison.Ordinal) && l.Text.Contains("giving up", StringComparison.Ordinal));
    }
}
