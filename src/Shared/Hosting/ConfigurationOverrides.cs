using System.Globalization;

namespace Tuner.Shared.Hosting;

/// <summary>
/// Command-line flags as configuration keys, laid over appsettings.json and environment variables so that flags win;
/// a flag not given leaves the key to the other sources.
/// </summary>
public sealed class ConfigurationOverrides
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, string?> Values => _values;

    public ConfigurationOverrides Set(string key, object? value)
    {
        if (value is not null)
        {
            _values[key] = Convert.ToString(value, CultureInfo.InvariantCulture);
        }
        return this;
    }

    public ConfigurationOverrides SetList(string key, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            _values[$"{key}:{i}"] = values[i];
        }
        return this;
    }
}
