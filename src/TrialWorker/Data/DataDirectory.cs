namespace Tuner.TrialWorker.Data;

/// <summary>Where downloaded datasets are cached: the given folder, else $TUNER_DATA_DIR, else the XDG cache folder.</summary>
public static class DataDirectory
{
    public const string EnvironmentVariable = "TUNER_DATA_DIR";

    public static string Resolve(string? given) =>
        Resolve(given, Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    public static string Resolve(string? given, Func<string, string?> environment, string home)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return Path.GetFullPath(given);
        }
        if (environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return Path.GetFullPath(fromEnvironment);
        }
        var cache = environment("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(home, ".cache");
        return Path.Combine(cache, "tuner", "datasets");
    }
}
