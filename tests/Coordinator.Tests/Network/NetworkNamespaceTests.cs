using System.Text.RegularExpressions;
using Tuner.Coordinator.Processes;
using Tuner.Coordinator.Reporting;
using Tuner.Coordinator.Scheduling;
using Tuner.Coordinator.Tests.Commands;
using Tuner.Coordinator.Tests.Processes;
using Tuner.Shared.Tests.Tls;
using Tuner.Shared.Tls;

namespace Tuner.Coordinator.Tests.Network;

/// <summary>
/// Three hosts on one machine (network namespaces on a bridge): the coordinator on one, a worker on each of the others,
/// every node bound to its own 10.x address. The study runs to the end while one worker's cable is pulled mid-trial:
/// its trial moves to the other worker and every run is counted. Once over plain TCP, once over TLS.
/// </summary>
public sealed partial class NetworkNamespaceTests(ITestOutputHelper output) : IDisposable
{
    private static readonly ScheduleOptions Schedule = new(ScheduleKind.Hyperband, MaxEpochs: 3, Factor: 3);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly SyntheticIdx _data = new();
    private readonly TestCertificates _certificates = new();
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("tuner-netns-");
    private readonly List<ChildProcess> _processes = [];
    private NamespaceNetwork? _network;

    public void Dispose()
    {
        // Processes first: a namespace with a process inside outlives its deletion.
        foreach (var process in _processes)
        {
            process.Dispose();
        }
        _network?.Dispose();
        _certificates.Dispose();
        _data.Dispose();
        _work.Delete(recursive: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_study_over_three_hosts_finishes_with_nothing_lost_when_a_workers_link_is_cut_mid_trial(bool tls)
    {
        _network = NamespaceNetwork.TryCreate(out var reason);
        if (_network is null)
        {
            Assert.Skip(reason);
        }
        var coordinatorHost = _network.AddHost("c", 1);
        var cutHost = _network.AddHost("w1", 2);
        var keptHost = _network.AddHost("w2", 3);
        // Enough images that a worker's first run (data loading included) lasts well past the moment its link is cut.
        var data = _data.WriteDataset([.. Enumerable.Range(0, 12_000).Select(i => (byte)(i % 10))], [.. Enumerable.Range(0, 1_000).Select(i => (byte)(i % 10))], gzip: false);
        string[] dataArguments = ["--train-images", data[0], "--train-labels", data[1], "--test-images", data[2], "--test-labels", data[3]];
        var nodes = new[] { coordinatorHost, cutHost, keptHost }.ToDictionary(h => h.Name, h => tls ? _certificates.Pfx(h.Name) : default);
        string[] TlsArguments(NamespaceHost host) => tls
            ? ["--tls-certificate", nodes[host.Name].Path, .. nodes.Values.SelectMany(n => new[] { "--tls-trust", CertificatePinning.Fingerprint(n.Certificate) })]
            : [];
        var studyDirectory = Path.Combine(_work.FullName, "study");

        var coordinator = Start(TunerPrograms.Tuner, coordinatorHost,
        [
            "tune", "--study", "seed-mlp", "--schedule", "hyperband", "--max-epochs", "3", "--factor", "3", "--seed", "5",
            "--host", coordinatorHost.Address, "--port", "4053", "--retrain-epochs", "0", "--output", studyDirectory, "--plain",
            .. dataArguments, .. TlsArguments(coordinatorHost),
        ]);
        var listening = await coordinator.WaitForLineAsync(l => l.Text.Contains("Coordinator listening at", StringComparison.Ordinal), Patience, "its address", TestContext.Current.CancellationToken);
        var address = $"{(tls ? "akka.ssl.tcp" : "akka.tcp")}://tuner@{coordinatorHost.Address}:4053";
        Assert.Contains(address, listening.Text, StringComparison.Ordinal);

        ChildProcess Worker(NamespaceHost host) => Start(TunerPrograms.TrialWorker, host,
        [
            "--coordinator", address, "--host", host.Address, "--slots", "1", "--worker-id", host.Name, .. dataArguments, .. TlsArguments(host),
        ]);
        var cut = Worker(cutHost);
        var kept = Worker(keptHost);
        await kept.WaitForLineAsync(l => l.Text.Contains("joined study", StringComparison.Ordinal), Patience, "that it joined", TestContext.Current.CancellationToken);
        var started = await cut.WaitForLineAsync(l => StartsTrial().IsMatch(l.Text), Patience, "a trial's start", TestContext.Current.CancellationToken);
        _network.Cut(cutHost);
        var cutTrial = int.Parse(StartsTrial().Match(started.Text).Groups["trial"].Value, System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine($"cut {cutHost.Name}'s link while it ran trial {cutTrial}");

        Assert.Equal(0, await coordinator.WaitForExitAsync(Patience, TestContext.Current.CancellationToken));

        var lost = coordinator.Lines.Select(l => LostTrial().Match(l.Text)).Where(m => m.Success).Select(m => int.Parse(m.Groups["trial"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(cutTrial, lost);
        var trials = ResultsJson.ReadTrials(File.ReadAllBytes(Path.Combine(studyDirectory, StudyReportWriter.TrialsJsonName)));
        var plan = SchedulePlanner.Plan(Schedule);
        Assert.Equal(plan.Configurations, trials.Count);
        Assert.Equal(plan.Runs, trials.Sum(t => t.Runs.Count));
        Assert.All(trials, t => Assert.Contains(t.Status, new[] { TrialEnd.Completed, TrialEnd.Stopped }));
        Assert.Equal(keptHost.Name, trials.Single(t => t.TrialId == cutTrial).Runs[0].WorkerId);
        Assert.True(File.Exists(Path.Combine(studyDirectory, StudyReportWriter.ResultsJsonName)));
    }

    private ChildProcess Start(string program, NamespaceHost host, string[] arguments)
    {
        var process = ChildProcess.Start(program, arguments, _work.FullName,
            new Dictionary<string, string?>
            {
                ["Logs__Directory"] = Path.Combine(_work.FullName, "logs"),
                ["Node__Tls__Password"] = TestCertificates.Password,
                // A cut worker is given up after 5 s of silence instead of 30, to keep the test short.
                ["Study__WorkerSilence"] = "00:00:05",
            },
            ProcessOutput.EchoTo(output, host.Name),
            NamespaceNetwork.Launcher(host));
        _processes.Add(process);
        return process;
    }

    [GeneratedRegex(@"starts trial (?<trial>\d+) ")]
    private static partial Regex StartsTrial();

    [GeneratedRegex(@"Trial (?<trial>\d+) attempt \d+ lost")]
    private static partial Regex LostTrial();
}
