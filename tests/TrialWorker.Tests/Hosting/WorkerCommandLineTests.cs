using System.CommandLine;
using Tuner.TrialWorker.Data;
using Tuner.TrialWorker.Hosting;
using Tuner.TrialWorker.Tests.Data;

namespace Tuner.TrialWorker.Tests.Hosting;

public sealed class WorkerCommandLineTests : IDisposable
{
    private readonly IdxFixture files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task A_worker_whose_data_folder_is_corrupt_exits_before_joining_and_names_the_file()
    {
        var cache = Path.Combine(files.Directory, "mnist");
        Directory.CreateDirectory(cache);
        foreach (var name in MnistPackage.FileSha256.Keys)
        {
            files.Write(Path.Combine("mnist", name), [0, 0, 8, 1, 0, 0, 0, 0]);
        }
        var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        // Nothing listens at the coordinator's address: a worker that tried to join would wait there, not exit.
        var exitCode = await WorkerCommandLine.Build()
            .Parse(["--coordinator", "akka.tcp://tuner@127.0.0.1:9", "--data-dir", files.Directory, "--give-up-after", "00:10:00"])
            .InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error }, timeout.Token);

        Assert.Equal(WorkerCommandLine.UnreadableDataExitCode, exitCode);
        Assert.Contains($"'{Path.Combine(cache, MnistPackage.FileSha256.Keys.First())}'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("does not join", error.ToString(), StringComparison.Ordinal);
    }
}
