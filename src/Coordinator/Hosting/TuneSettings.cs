using Tuner.Coordinator.Persistence;
using Tuner.Coordinator.Scheduling;
using Tuner.Coordinator.SearchSpaces;
using Tuner.TrialWorker.Data;

namespace Tuner.Coordinator.Hosting;

/// <summary>
/// Everything a `tune` run needs: the study and its budget, and where and how it runs. Node and study-run settings
/// come from configuration (appsettings.json, environment variables such as <c>Node__Port</c>), which
/// <see cref="ConfigurationOverrides"/> from the command line override.
/// </summary>
public sealed record TuneSettings(
    Study Study,
    ScheduleOptions Schedule,
    long Seed,
    int MaxAttempts,
    DataOptions Data,
    int ThreadsPerTrial,
    int? LocalWorkers,
    IReadOnlyDictionary<string, string?> ConfigurationOverrides)
{
    public bool Local => LocalWorkers is not null;

    /// <summary>The study directory: journal (SQLite), checkpoints, results.</summary>
    public string Directory { get; init; } = Path.Combine("runs", Study.Name);

    /// <summary>What to do when the journal already holds a study.</summary>
    public ExistingStudy Existing { get; init; }
}
