using System.CommandLine;
using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using Tuner.Shared;
using Tuner.Shared.Hosting;
using Tuner.Shared.Logging;
using Tuner.Shared.Tls;
using Tuner.TrialWorker.Commands;
using Tuner.TrialWorker.Data;
using Tuner.TrialWorker.Training;
using Tuner.TrialWorker.Workers;

namespace Tuner.TrialWorker.Hosting;

/// <summary>
/// `trial-worker`: joins a coordinator's cluster and trains the trials it hands out. Settings come from
/// appsettings.json, then environment variables (e.g. <c>Node__Port</c>, <c>Worker__Slots</c>), then these flags.
/// </summary>
public static class WorkerCommandLine
{
    public const int GaveUpExitCode = 3;

    /// <summary>Distinct from a bad setting (2): a supervisor that restarts workers can tell that the data needs fixing.</summary>
    public const int UnreadableDataExitCode = 4;

    public static RootCommand Build()
    {
        var coordinator = new Option<string[]>("--coordinator")
        {
            Description = "The coordinator's address, e.g. akka.tcp://tuner@10.0.0.5:4053 (repeatable; default: Node:SeedNodes from configuration)",
            AllowMultipleArgumentsPerToken = true,
        };
        var host = new Option<string?>("--host") { Description = "Address to listen on (default 127.0.0.1)" };
        var publicHost = new Option<string?>("--public-host") { Description = "Name other machines reach this worker by (needed with --host 0.0.0.0)" };
        var port = new Option<int?>("--port") { Description = "Port to listen on (default: any free port)" };
        var slots = new Option<int?>("--slots") { Description = $"Trials trained at once (default: cores, here {Environment.ProcessorCount})" };
        var threads = new Option<int?>("--threads") { Description = "Torch threads per trial (default 1)" };
        var workerId = new Option<string?>("--worker-id") { Description = "A name unique in the cluster (default: host name and process id)" };
        var giveUpAfter = new Option<TimeSpan?>("--give-up-after") { Description = $"Exit with code {GaveUpExitCode} after this long without reaching a coordinator (default {new WorkerSettings().GiveUpAfter}; or Worker:GiveUpAfter)" };
        // For `tuner bench coordinator`: many workers in one process that answer every trial at once, or after a while.
        var noOpWorkers = new Option<int>("--no-op-workers") { Hidden = true };
        var noOpTrialTime = new Option<TimeSpan>("--no-op-trial-time") { Hidden = true };
        var data = new DataCommandOptions();
        var tls = new TlsCommandOptions();
        var root = new RootCommand("A trial worker: joins a tuner coordinator's cluster and trains the trials it is given.")
        {
            coordinator, host, publicHost, port, slots, threads, workerId, giveUpAfter, noOpWorkers, noOpTrialTime,
        };
        data.AddTo(root);
        tls.AddTo(root);
        root.SetAction(async (result, cancellation) =>
        {
            var overrides = tls.Overrides(result, new ConfigurationOverrides())
                .SetList("Node:SeedNodes", result.GetValue(coordinator) ?? [])
                .Set("Node:Hostname", result.GetValue(host))
                .Set("Node:PublicHostname", result.GetValue(publicHost))
                .Set("Node:Port", result.GetValue(port))
                .Set("Worker:Slots", result.GetValue(slots))
                .Set("Worker:ThreadsPerTrial", result.GetValue(threads))
                .Set("Worker:WorkerId", result.GetValue(workerId))
                .Set("Worker:GiveUpAfter", result.GetValue(giveUpAfter));
            try
            {
                var noOp = result.GetValue(noOpWorkers) is > 0 and var count ? new NoOpWorkers(count, result.GetValue(noOpTrialTime)) : null;
                return await RunAsync(overrides.Values, data.Read(result), noOp, cancellation) == NodeEnd.GaveUp ? GaveUpExitCode : 0;
            }
            catch (DataFileException e)
            {
                result.InvocationConfiguration.Error.WriteLine($"This worker's data cannot be read, so it does not join: {e.Message}");
                return UnreadableDataExitCode;
            }
            catch (Exception e) when (e is ArgumentException or InvalidDataException)
            {
                // A configuration file that does not parse says which file; its inner exception says where.
                result.InvocationConfiguration.Error.WriteLine(e.InnerException is FormatException inner ? $"{e.Message} {inner.Message}" : e.Message);
                return 2;
            }
        });
        return root;
    }

    private static async Task<NodeEnd> RunAsync(IReadOnlyDictionary<string, string?> overrides, DataOptions dataOptions, NoOpWorkers? noOp, CancellationToken cancellation)
    {
        // Settings first, since reading the data can mean fetching it; then the data, read and verified before joining:
        // a worker that cannot read it would fail every trial it is given.
        var life = Configure(overrides);
        using var data = noOp is null ? PreparedDataset.From(DatasetSource.LoadSplits(dataOptions)) : null;
        // The benchmark tells this process's start-up from its steady state by it.
        using var stopReporting = new CancellationTokenSource();
        var reporting = noOp is null ? Task.CompletedTask : JitActivity.ReportAsync(Console.Out, NoOpWorkers.JitReportEvery, stopReporting.Token);
        try
        {
            var lastContact = DateTimeOffset.UtcNow;
            while (true)
            {
                var (end, contact) = await RunNodeAsync(life, data, noOp, lastContact, cancellation);
                lastContact = contact;
                if (end != NodeEnd.Removed || cancellation.IsCancellationRequested)
                {
                    return end;
                }
                await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
                life = Configure(overrides);
            }
        }
        finally
        {
            await stopReporting.CancelAsync();
            await reporting;
        }
    }

    // One life of the worker's node: until the study ends, the process is stopped, the cluster removes this node (a
    // removed node cannot rejoin with the same actor system), or no coordinator was reachable for Worker:GiveUpAfter.
    private static async Task<(NodeEnd End, DateTimeOffset LastContact)> RunNodeAsync(
        NodeLife life, PreparedDataset? data, NoOpWorkers? noOp, DateTimeOffset lastContact, CancellationToken cancellation)
    {
        var (builder, node, worker) = life;
        builder.AddTunerLogging($"worker-{worker.WorkerId}");

        builder.Services.AddAkka(node.ActorSystemName, akka => akka
            .ConfigureTunerNode(ClusterRoles.Worker, node)
            .WithActors((system, _) =>
            {
                if (noOp is null)
                {
                    system.ActorOf(WorkerActor.Props(worker, new TorchTrialRunner(new Lazy<PreparedDataset>(data!), new TrainerOptions(worker.ThreadsPerTrial))), WorkerActor.Name);
                    return;
                }
                var runner = new NoOpTrialRunner(noOp.TrialTime);
                for (var i = 1; i <= noOp.Count; i++)
                {
                    var settings = new WorkerSettings { WorkerId = $"{worker.WorkerId}-{i}", Slots = worker.Slots, RegisterInterval = worker.RegisterInterval };
                    system.ActorOf(WorkerActor.Props(settings, runner), $"{WorkerActor.Name}-{i}");
                }
            }));
        using var host = builder.Build();
        await host.StartAsync(cancellation);
        var system = host.Services.GetRequiredService<ActorSystem>();
        var cluster = Akka.Cluster.Cluster.Get(system);
        while (!system.WhenTerminated.IsCompleted && !cancellation.IsCancellationRequested)
        {
            var now = DateTimeOffset.UtcNow;
            if (cluster.State.Members.Any(m => m.HasRole(ClusterRoles.Coordinator) && m.Status == MemberStatus.Up && !cluster.State.Unreachable.Contains(m)))
            {
                lastContact = now;
            }
            else if (now - lastContact >= worker.GiveUpAfter)
            {
                Log.Error("No coordinator reachable at {SeedNodes} for {GiveUpAfter}; giving up (Worker:GiveUpAfter, --give-up-after)", string.Join(", ", node.SeedNodes), worker.GiveUpAfter);
                await host.StopAsync(CancellationToken.None);
                return (NodeEnd.GaveUp, lastContact);
            }
            await Task.WhenAny(system.WhenTerminated, Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None));
        }
        var reason = CoordinatedShutdown.Get(system).ShutdownReason;
        var removed = reason is CoordinatedShutdown.ClusterDowningReason or CoordinatedShutdown.ClusterJoinUnsuccessfulReason;
        if (removed)
        {
            // Logged before the host goes, since the logger goes with it.
            Log.Warning("This worker was removed from the cluster (its coordinator restarted, or they were cut off); starting its node again to rejoin");
        }
        await host.StopAsync(CancellationToken.None);
        return (removed ? NodeEnd.Removed : NodeEnd.Stopped, lastContact);
    }

    // Bound afresh for each life of the node, so that each life opens its TLS certificate once, for itself.
    private static NodeLife Configure(IReadOnlyDictionary<string, string?> overrides)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(overrides);
        var node = SettingsSection.Bind<NodeSettings>(builder.Configuration, "Node");
        var worker = SettingsSection.Bind<WorkerSettings>(builder.Configuration, "Worker");
        if (node.SeedNodes.Count == 0)
        {
            throw new ArgumentException("no coordinator to join: give --coordinator akka.tcp://tuner@HOST:4053 (the address the coordinator prints) or set Node:SeedNodes");
        }
        if (worker.Slots < 1 || worker.ThreadsPerTrial < 1)
        {
            throw new ArgumentException($"--slots and --threads must be at least 1, got {worker.Slots} and {worker.ThreadsPerTrial}");
        }
        if (worker.GiveUpAfter <= TimeSpan.Zero)
        {
            throw new ArgumentException($"--give-up-after (Worker:GiveUpAfter) must be positive, got {worker.GiveUpAfter}");
        }
        node.Validate();
        return new NodeLife(builder, node, worker);
    }

    private sealed record NodeLife(HostApplicationBuilder Builder, NodeSettings Node, WorkerSettings Worker);

    private enum NodeEnd
    {
        Stopped,
        Removed,
        GaveUp,
    }
}
