using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Tuner.Coordinator.Processes;

namespace Tuner.Coordinator.Tests.Processes;

public sealed class ChildProcessTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _logs = Directory.CreateTempSubdirectory("tuner-process-logs-");

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Lines_are_read_as_they_come_with_their_stream_and_time_and_the_exit_code_is_returned()
    {
        var before = DateTimeOffset.UtcNow;
        using var plan = Start(TunerPrograms.Tuner, "plan", "--schedule", "keras", "--max-epochs", "4", "--factor", "2");

        var line = await plan.WaitForLineAsync(l => l.Text.Contains("bracket", StringComparison.Ordinal), Patience, "the plan's table", TestContext.Current.CancellationToken);

        Assert.False(line.IsError);
        Assert.InRange(line.Time, before, DateTimeOffset.UtcNow);
        Assert.Equal(0, await plan.WaitForExitAsync(Patience, TestContext.Current.CancellationToken));
        var lines = plan.Lines;
        Assert.Contains(line, lines);
        Assert.Equal(lines.OrderBy(l => l.Time), lines);
    }

    [Fact]
    public async Task Standard_error_is_read_apart_from_standard_output()
    {
        using var refused = Start(TunerPrograms.Tuner, "plan", "--schedule", "no-such-schedule");

        var line = await refused.WaitForLineAsync(l => l.Text.Contains("no-such-schedule", StringComparison.Ordinal), Patience, "the refusal", TestContext.Current.CancellationToken);

        Assert.True(line.IsError);
        Assert.NotEqual(0, await refused.WaitForExitAsync(Patience, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Waiting_for_a_line_a_finished_program_never_wrote_fails_with_its_last_lines()
    {
        using var plan = Start(TunerPrograms.Tuner, "plan", "--schedule", "keras", "--max-epochs", "4", "--factor", "2");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            plan.WaitForLineAsync(l => l.Text == "never written", Patience, "the impossible line", TestContext.Current.CancellationToken));

        Assert.Contains("exit code 0", failure.Message, StringComparison.Ordinal);
        Assert.Contains("the impossible line", failure.Message, StringComparison.Ordinal);
        Assert.Contains("bracket", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wait_that_times_out_says_so_and_a_killed_program_exits_by_sigkill()
    {
        // A worker whose coordinator is not there keeps trying to join: it runs until killed.
        using var worker = Start(TunerPrograms.TrialWorker, "--coordinator", $"akka.tcp://tuner@127.0.0.1:{LoopbackPort.Free()}", "--worker-id", "lonely");
        await worker.WaitForLineAsync(l => l.Text.Contains("Remoting", StringComparison.OrdinalIgnoreCase), Patience, "Akka's remoting start", TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<TimeoutException>(() =>
            worker.WaitForLineAsync(l => l.Text == "never written", TimeSpan.FromSeconds(1), "the impossible line", TestContext.Current.CancellationToken));
        Assert.False(worker.HasExited);
        worker.Kill();

        Assert.Equal(128 + 9, await worker.WaitForExitAsync(Patience, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Disposing_ends_a_program_that_is_still_running()
    {
        var worker = Start(TunerPrograms.TrialWorker, "--coordinator", $"akka.tcp://tuner@127.0.0.1:{LoopbackPort.Free()}", "--worker-id", "disposed");
        await worker.WaitForLineAsync(_ => true, Patience, "anything", TestContext.Current.CancellationToken);
        var id = worker.Id;

        worker.Dispose();

        Assert.True(IsGone(id));
    }

    [Fact]
    public void A_free_loopback_port_can_be_listened_on()
    {
        var port = LoopbackPort.Free();

        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        Assert.Equal(port, ((IPEndPoint)listener.LocalEndpoint).Port);
    }

    public void Dispose() => _logs.Delete(recursive: true);

    private ChildProcess Start(string program, params string[] arguments) =>
        ChildProcess.Start(program, arguments, environment: new Dictionary<string, string?> { ["Logs__Directory"] = _logs.FullName },
            echo: ProcessOutput.EchoTo(output, Path.GetFileNameWithoutExtension(program)));

    private static bool IsGone(int id)
    {
        try
        {
            using var process = Process.GetProcessById(id);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
