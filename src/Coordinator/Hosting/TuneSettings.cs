using Tuner.Coordinator.Coordination;
using Tuner.Coordinator.SearchSpaces;
using Tuner.Coordinator.Scheduling;
using Tuner.Shared.Hosting;
using Tuner.TrialWorker.Data;

namespace Tuner.Coordinator.Hosting;

/// <summary>Everything a `tune` run needs: the study and its budget, and where and how it runs.</summary>
public sealed record TuneSettings(
    Study Study,
    ScheduleOptions Schedule,
    long Seed,
    int MaxAttempts,
    DataOptions Data,
    int ThreadsPerTrial,
    int? LocalWorkers,
    NodeSettings Node,
    StudyRunSettings Run)
{
    public bool Local => LocalWorkers is not null;
}
