using System.Collections.Immutable;
namespace Tuner.Coordinator.Scheduling;

/// <summary>A read-only picture of a study for status displays: brackets, rungs, trials and the best so far.</summary>
public sealed record EngineStatus(
    ScheduleOptions Schedule,
    bool Finished,
    int BracketsPlanned,
    ImmutableArray<BracketStatus> Brackets,
    ImmutableArray<TrialStatus> Trials,
    int RunsCompleted,
    int EpochsTrained,
    BestTrial? Best);
