using Akka.Hosting;
using Microsoft.Extensions.Hosting;
using Tuner.Coordinator.Coordination;
using Tuner.Coordinator.Scheduling;
using Tuner.Shared;
using Tuner.Shared.Hosting;
using Tuner.Shared.Logging;
using Tuner.TrialWorker.Training;
using Tuner.TrialWorker.Workers;

namespace Tuner.Coordinator.Hosting;

/// <summary>
/// Runs one study on the generic host: the coordinator actor, and in local mode the workers too, in one actor system
/// with no network listener; otherwise a cluster node that remote workers join.
/// </summary>
public static class StudyHost
{
    public static async Task<StudyEnded> RunAsync(TuneSettings settings, Lazy<PreparedDataset> data, CancellationToken cancellation)
    {
        var engine = HyperbandEngine.Start(settings.Study, settings.Schedule, settings.Seed, settings.MaxAttempts);
        var ended = new TaskCompletionSource<StudyEnded>(TaskCreationOptions.RunContinuationsAsynchronously);
        var node = settings.Local ? null : WithSelfAsSeed(settings.Node);

        var builder = Host.CreateApplicationBuilder();
        builder.AddTunerLogging("coordinator");
        builder.Services.AddAkka(settings.Node.ActorSystemName, akka => akka
            .ConfigureTunerNode(ClusterRoles.Coordinator, node)
            .WithActors((system, _) =>
            {
                var coordinator = system.ActorOf(CoordinatorActor.Props(engine, settings.Seed, settings.Run, ended), ClusterRoles.CoordinatorActorName);
                var runner = new TorchTrialRunner(data, new TrainerOptions(settings.ThreadsPerTrial));
                for (var i = 1; i <= (settings.LocalWorkers ?? 0); i++)
                {
                    var worker = new WorkerSettings { WorkerId = $"local-{i}", Slots = 1, ThreadsPerTrial = settings.ThreadsPerTrial, ExitWhenStudyFinishes = false };
                    system.ActorOf(WorkerActor.Props(worker, runner, coordinator), $"{WorkerActor.Name}-{i}");
                }
            }));

        using var host = builder.Build();
        await host.StartAsync(cancellation);
        try
        {
            return await ended.Task.WaitAsync(cancellation);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    // The coordinator is the cluster's first node: it joins itself unless told to join others.
    private static NodeSettings WithSelfAsSeed(NodeSettings node)
    {
        if (node.SeedNodes.Count > 0)
        {
            return node;
        }
        if (node.Port == 0)
        {
            throw new ArgumentException("a coordinator needs a fixed --port that workers can be told (e.g. 4053)");
        }
        var host = node.PublicHostname ?? node.Hostname;
        return new NodeSettings
        {
            ActorSystemName = node.ActorSystemName,
            Hostname = node.Hostname,
            PublicHostname = node.PublicHostname,
            Port = node.Port,
            SeedNodes = [$"akka.tcp://{node.ActorSystemName}@{host}:{node.Port}"],
        };
    }
}
