using System.Collections;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Tuner.Coordinator.Coordination;
using Tuner.Coordinator.Persistence;
using Tuner.Shared.Hosting;
using Tuner.TrialWorker.Data;
using Tuner.TrialWorker.Workers;

namespace Tuner.Coordinator.Tests.Deploy;

/// <summary>Whether an environment variable reaches a setting the programs bind, checked by binding it.</summary>
internal static class SettingsBinding
{
    /// <summary>The configuration sections the programs bind to classes, as StudyHost and WorkerCommandLine bind them.</summary>
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.Ordinal)
    {
        ["Node"] = typeof(NodeSettings),
        ["Worker"] = typeof(WorkerSettings),
        ["Study"] = typeof(StudyRunSettings),
        ["Persistence"] = typeof(PersistenceSettings),
    };

    /// <summary>Keys read by name rather than bound to a class (TunerLogging's log folder and Seq URL).</summary>
    private static readonly HashSet<string> ReadByName = new(StringComparer.Ordinal) { "Logs__Directory", "Logs__SeqUrl" };

    /// <summary>Null when the variable's value arrives in a bound setting; else why not.</summary>
    public static string? Problem(string variable, string value)
    {
        if (variable == DataDirectory.EnvironmentVariable || ReadByName.Contains(variable))
        {
            return null;
        }
        var path = variable.Split("__");
        if (!Sections.TryGetValue(path[0], out var type))
        {
            return $"{variable}: no settings class binds section '{path[0]}'";
        }
        object? bound;
        try
        {
            bound = Configuration(new Dictionary<string, string> { [variable] = value }).GetSection(path[0]).Get(type);
        }
        catch (InvalidOperationException e)
        {
            return $"{variable}={value} does not bind: {e.Message}";
        }
        foreach (var segment in path[1..])
        {
            bound = bound switch
            {
                IList list when int.TryParse(segment, out var index) => index < list.Count ? list[index] : null,
                null => null,
                _ => bound.GetType().GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.GetValue(bound),
            };
        }
        var arrived = bound is TimeSpan span ? span.ToString("c", CultureInfo.InvariantCulture) : Convert.ToString(bound, CultureInfo.InvariantCulture);
        return string.Equals(arrived, value, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"{variable}={value} does not arrive in {type.Name} (bound value: '{arrived}')";
    }

    /// <summary>Environment variables as the host's configuration sees them ("__" separates sections).</summary>
    public static IConfiguration Configuration(IReadOnlyDictionary<string, string> environment) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(kv => KeyValuePair.Create(kv.Key.Replace("__", ":", StringComparison.Ordinal), (string?)kv.Value)))
            .Build();
}
