namespace Tuner.Coordinator.Processes;

/// <summary>
/// The tuner's own programs as built beside the running code: the coordinator references the worker, so tuner.dll and
/// trial-worker.dll (with their runtime and dependency files) sit in the same output folder of the same configuration,
/// in the coordinator's build and in every project that references it.
/// </summary>
public static class TunerPrograms
{
    public static string Tuner => Program("tuner.dll");

    public static string TrialWorker => Program("trial-worker.dll");

    /// <summary>The dotnet host that runs this process (or that started the build), else the one on the PATH.</summary>
    public static string Dotnet =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : "dotnet";

    private static string Program(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, name);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{name} is not in {AppContext.BaseDirectory}: build src/Coordinator (it references the worker) in the same configuration", path);
    }
}
