using System.CommandLine;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Tuner.Coordinator.Watching;
using Tuner.Shared;
using Tuner.Shared.Hosting;
using Tuner.Shared.Logging;
using Tuner.Shared.Protocol;
using Tuner.Shared.Status;
using Tuner.Shared.Tls;

namespace Tuner.Coordinator.Commands;

/// <summary>`tuner status`: asks a running coordinator, from any terminal or machine, for the picture of its study.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var coordinator = new Option<string>("--coordinator") { Description = "The coordinator's address", DefaultValueFactory = _ => $"akka.tcp://tuner@127.0.0.1:{Hosting.StudyHost.DefaultPort}" };
        var watch = new Option<bool>("--watch") { Description = "Keep the picture up to date until the study finishes" };
        var host = new Option<string>("--host") { Description = "Address this client listens on for the answer (one the coordinator can reach)", DefaultValueFactory = _ => "127.0.0.1" };
        var tls = new TlsCommandOptions();
        var command = new Command("status", "Show a running study: brackets and rungs, running trials, best so far, time left.") { coordinator, watch, host };
        tls.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            var error = result.InvocationConfiguration.Error;
            if (!Address.TryParse(result.GetValue(coordinator), out var address))
            {
                error.WriteLine($"--coordinator '{result.GetValue(coordinator)}' is not an address like akka.tcp://tuner@host:4053");
                return 2;
            }
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(tls.Overrides(result, new ConfigurationOverrides()).Values);
            var tlsSettings = SettingsSection.Bind<TlsSettings>(builder.Configuration, "Node:Tls");
            try
            {
                TlsRemoting.Validate(tlsSettings);
                TlsRemoting.RequireProtocol(tlsSettings, address, $"--coordinator '{address}'");
            }
            catch (ArgumentException e)
            {
                error.WriteLine(e.Message);
                return 2;
            }
            builder.Configuration["Logs:Directory"] ??= Path.Combine(Path.GetTempPath(), "tuner-status-logs");
            builder.AddTunerLogging("status", consoleLevel: Serilog.Events.LogEventLevel.Error);
            builder.Services.AddAkka("tuner-status", akka => akka.ConfigureTunerClient(result.GetValue(host)!, tlsSettings));
            using var client = builder.Build();
            await client.StartAsync(cancellation);
            try
            {
                var target = client.Services.GetRequiredService<ActorSystem>().ActorSelection(new RootActorPath(address) / "user" / ClusterRoles.CoordinatorActorName);
                var snapshot = await Ask(target, cancellation);
                if (snapshot is null)
                {
                    error.WriteLine($"No coordinator answered at {address} within 5 s: is `tuner tune` running there, and is that address reachable from here?");
                    return 1;
                }
                if (!result.GetValue(watch))
                {
                    AnsiConsole.Write(StudyStatusView.Render(snapshot));
                    return 0;
                }
                await AnsiConsole.Live(StudyStatusView.Render(snapshot)).StartAsync(async live =>
                {
                    while (snapshot is { Finished: false } && !cancellation.IsCancellationRequested)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
                        snapshot = await Ask(target, cancellation);
                        if (snapshot is not null)
                        {
                            live.UpdateTarget(StudyStatusView.Render(snapshot));
                        }
                    }
                });
                return 0;
            }
            finally
            {
                await client.StopAsync(CancellationToken.None);
            }
        });
        return command;
    }

    private static async Task<StudySnapshot?> Ask(ActorSelection coordinator, CancellationToken cancellation)
    {
        try
        {
            return await coordinator.Ask<StudySnapshot>(RequestStudyStatus.Instance, TimeSpan.FromSeconds(5), cancellation);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
