using System.CommandLine;
using Tuner.Coordinator.Commands;
using Tuner.TrialWorker.Hosting;

namespace Tuner.Coordinator.Tests.Network;

/// <summary>Every verb that joins or asks a cluster refuses a certificate it cannot use before anything starts.</summary>
public sealed class TlsFlagsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("tuner-tls-flags-");

    public void Dispose() => _folder.Delete(recursive: true);

    public static TheoryData<string, string[]> Verbs() => new()
    {
        { "tuner", ["tune", "--plain", "--retrain-epochs", "0", "--port", "0"] },
        { "tuner", ["status", "--coordinator", "akka.ssl.tcp://tuner@127.0.0.1:4053"] },
        { "trial-worker", ["--coordinator", "akka.ssl.tcp://tuner@127.0.0.1:4053"] },
    };

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task A_missing_certificate_is_refused_with_exit_code_2_and_the_setting_named(string program, string[] arguments)
    {
        var missing = Path.Combine(_folder.FullName, "missing.pfx");
        var root = program == "tuner" ? TunerCommandLine.Build() : WorkerCommandLine.Build();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await root.Parse([.. arguments, "--tls-certificate", missing])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains($"Node:Tls:CertificatePath (--tls-certificate) '{missing}' does not exist", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tuner", new[] { "status", "--coordinator", "akka.ssl.tcp://tuner@127.0.0.1:4053" })]
    [InlineData("trial-worker", new[] { "--coordinator", "akka.ssl.tcp://tuner@127.0.0.1:4053" })]
    public async Task A_tls_address_without_a_certificate_is_refused_in_the_same_words_by_status_and_worker(string program, string[] arguments)
    {
        var root = program == "tuner" ? TunerCommandLine.Build() : WorkerCommandLine.Build();
        using var error = new StringWriter();

        var exitCode = await root.Parse(arguments)
            .InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error }, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("'akka.ssl.tcp://tuner@127.0.0.1:4053' uses akka.ssl.tcp, which needs TLS: give this node a certificate (--tls-certificate", error.ToString(), StringComparison.Ordinal);
    }
}
