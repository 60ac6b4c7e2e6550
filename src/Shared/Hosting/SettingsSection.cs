using Microsoft.Extensions.Configuration;

namespace Tuner.Shared.Hosting;

/// <summary>Binds one configuration section to a settings class, turning a value that does not fit into a clear error.</summary>
public static class SettingsSection
{
    public static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException(
                $"{e.Message} Fix it in appsettings.json, in the environment variable (e.g. {section}__Port) or with the matching flag.", e);
        }
    }
}
