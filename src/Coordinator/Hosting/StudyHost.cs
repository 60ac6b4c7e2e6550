using Akka.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog.Events;
using Tuner.Coordinator.Coordination;
using Tuner.Coordinator.Persistence;
using Tuner.Coordinator.Watching;
using Tuner.Shared;
using Tuner.Shared.Hosting;
using Tuner.Shared.Logging;
using Tuner.Shared.Tls;
using Tuner.TrialWorker.Training;
using Tuner.TrialWorker.Workers;

namespace Tuner.Coordinator.Hosting;

/// <summary>
/// Runs one study on the generic host: the coordinator actor, and in local mode the workers too, in one actor system
/// with no network listener; otherwise a cluster node that remote workers join.
/// </summary>
public static class StudyHost
{
    // With liveView the study's picture is drawn in the terminal and the console log keeps only warnings; turnaround,
    // when given, measures the coordinator (`tuner bench coordinator`).
    public static async Task<StudyEnded> RunAsync(TuneSettings settings, Lazy<PreparedDataset> data, bool liveView, ResultTurnaround? turnaround, CancellationToken cancellation)
    {
        var definition = StudyDefinition.Of(settings.Study, settings.Schedule, settings.Seed, settings.MaxAttempts);
        var ended = new TaskCompletionSource<StudyEnded>(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings.ConfigurationOverrides);
        var configuredNode = SettingsSection.Bind<NodeSettings>(builder.Configuration, "Node");
        var run = SettingsSection.Bind<StudyRunSettings>(builder.Configuration, "Study");
        var persistence = SettingsSection.Bind<PersistenceSettings>(builder.Configuration, "Persistence");
        var journal = persistence.ToConfig(settings.Directory);
        var storage = StudyStorage.In(settings.Directory, settings.Study.Name, settings.Existing, persistence.SnapshotEvery) with { UnsyncedLog = persistence.UnsyncedLog(settings.Directory) };
        var node = settings.Local ? null : WithSelfAsSeed(configuredNode);
        // Refused here, before the host starts and logs its failure with a stack trace.
        node?.Validate();
        builder.AddTunerLogging("coordinator", liveView ? LogEventLevel.Warning : LogEventLevel.Verbose);
        builder.Services.AddAkka(configuredNode.ActorSystemName, akka => akka
            .ConfigureTunerNode(ClusterRoles.Coordinator, node)
            .AddHocon(journal, HoconAddMode.Prepend)
            .AddSetup(persistence.ToSetup(settings.Directory))
            .WithActors((system, registry) =>
            {
                var coordinator = system.ActorOf(CoordinatorActor.Props(definition, run, storage, ended, turnaround), ClusterRoles.CoordinatorActorName);
                registry.Register<CoordinatorActor>(coordinator);
                var runner = new TorchTrialRunner(data, new TrainerOptions(settings.ThreadsPerTrial));
                for (var i = 1; i <= (settings.LocalWorkers ?? 0); i++)
                {
                    var worker = new WorkerSettings { WorkerId = $"local-{i}", Slots = 1, ThreadsPerTrial = settings.ThreadsPerTrial, ExitWhenStudyFinishes = false };
                    system.ActorOf(WorkerActor.Props(worker, runner, coordinator), $"{WorkerActor.Name}-{i}");
                }
            }));

        using var host = builder.Build();
        await host.StartAsync(cancellation);
        if (node is not null)
        {
            var address = SelfAddress(node);
            Serilog.Log.Information("Coordinator listening at {Address}; start workers with: trial-worker --coordinator {Address}", address, address);
            if (node.Tls.Enabled)
            {
                Serilog.Log.Information("TLS on: workers pin this coordinator with --tls-trust {Fingerprint}", CertificatePinning.Fingerprint(node.Tls.Certificate()));
            }
        }
        try
        {
            if (liveView)
            {
                var coordinator = await host.Services.GetRequiredService<ActorRegistry>().GetAsync<CoordinatorActor>(cancellation);
                await LiveStudyView.ShowUntil(coordinator, ended.Task, cancellation);
            }
            return await ended.Task.WaitAsync(cancellation);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            persistence.ReleaseFiles(settings.Directory);
        }
    }

    public const int DefaultPort = 4053;

    // The coordinator is the cluster's first node: it joins itself unless told to join others. Workers must be told
    // its port, so "any free port" (0) means the well-known one.
    private static NodeSettings WithSelfAsSeed(NodeSettings node)
    {
        if (node.Port == 0)
        {
            node.Port = DefaultPort;
        }
        if (node.SeedNodes.Count > 0)
        {
            return node;
        }
        return new NodeSettings
        {
            ActorSystemName = node.ActorSystemName,
            Hostname = node.Hostname,
            PublicHostname = node.PublicHostname,
            Port = node.Port,
            SeedNodes = [SelfAddress(node)],
            Tls = node.Tls,
        };
    }

    private static string SelfAddress(NodeSettings node) => $"{node.Protocol}://{node.ActorSystemName}@{node.PublicHostname ?? node.Hostname}:{node.Port}";
}
