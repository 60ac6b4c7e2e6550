namespace Tuner.Coordinator.Scheduling;

/// <summary>All the engine's state as plain data, so that it serializes to JSON and back unchanged.</summary>
public sealed class EngineState
{
    public required ScheduleOptions Schedule { get; init; }

    public long Seed { get; init; }

    public int MaxAttempts { get; init; }

    /// <summary>Index in the plan of the next bracket to open; brackets open in plan order.</summary>
    public int NextBracket { get; set; }

    public bool SpaceExhausted { get; set; }

    public bool Finished { get; set; }

    public int RunsCompleted { get; set; }

    public int EpochsTrained { get; set; }

    public List<BracketState> Brackets { get; init; } = [];

    /// <summary>Indexed by trial id.</summary>
    public List<TrialState> Trials { get; init; } = [];
}
