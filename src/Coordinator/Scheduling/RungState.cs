namespace Tuner.Coordinator.Scheduling;

public sealed class RungState
{
    public int Epochs { get; init; }

    public int PlannedSize { get; init; }

    /// <summary>Trial ids in the order they entered the rung; rung i+1's members are those promoted from rung i.</summary>
    public List<int> Members { get; init; } = [];
}
