using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Tuner.Shared.Logging;

/// <summary>
/// Serilog for a whole process, Akka's own logs included: a readable console, a rolling compact-JSON file per process,
/// and Seq when <c>Logs:SeqUrl</c> is set. Levels and further sinks come from the "Serilog" configuration section.
/// </summary>
public static class TunerLogging
{
    public const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Logs of this process. <paramref name="consoleLevel"/> raises the console's threshold, e.g. while a live view owns
    /// the terminal; the file still gets everything.
    /// </summary>
    public static IHostApplicationBuilder AddTunerLogging(this IHostApplicationBuilder builder, string processName, LogEventLevel consoleLevel = LogEventLevel.Verbose)
    {
        Log.Logger = CreateLogger(builder.Configuration, processName, consoleLevel);
        builder.Services.AddSerilog(dispose: true);
        return builder;
    }

    public static ILogger CreateLogger(IConfiguration configuration, string processName, LogEventLevel consoleLevel = LogEventLevel.Verbose)
    {
        var logs = configuration.GetSection("Logs");
        var directory = logs["Directory"] ?? "logs";
        var configurationLogger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Process", processName)
            .WriteTo.Console(outputTemplate: ConsoleTemplate, standardErrorFromLevel: LogEventLevel.Warning, restrictedToMinimumLevel: consoleLevel)
            .WriteTo.File(new CompactJsonFormatter(), Path.Combine(directory, $"{processName}-.json"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14);
        if (logs["SeqUrl"] is { Length: > 0 } seq)
        {
            configurationLogger.WriteTo.Seq(seq);
        }
        return configurationLogger.CreateLogger();
    }
}
