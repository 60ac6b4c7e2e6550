namespace Tuner.Coordinator.Scheduling;

public sealed class BracketState
{
    public int Iteration { get; init; }

    public int Bracket { get; init; }

    public List<RungState> Rungs { get; init; } = [];
}
