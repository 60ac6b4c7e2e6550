using System.Collections.Immutable;

namespace Tuner.Coordinator.Scheduling;

/// <summary>Every bracket a study will run, in the order they open.</summary>
public sealed record SchedulePlan(ScheduleOptions Options, ImmutableArray<BracketPlan> Brackets)
{
    public int Configurations => Brackets.Sum(b => b.Configurations);

    /// <summary>Rung executions: what Keras Tuner counts as trials.</summary>
    public int Runs => Brackets.Sum(b => b.Runs);

    public int Epochs => Brackets.Sum(b => b.Epochs);
}
