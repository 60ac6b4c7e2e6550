using System.Collections.Immutable;

namespace Tuner.Coordinator.Scheduling;

/// <summary>
/// One bracket (for asha, one rung ladder): <see cref="Bracket"/> is s, the number of halvings after the first rung.
/// </summary>
public sealed record BracketPlan(int Iteration, int Bracket, ImmutableArray<RungPlan> Rungs)
{
    public int Configurations => Rungs[0].Configurations;

    public int Runs => Rungs.Sum(r => r.Configurations);

    /// <summary>Epochs trained when every promoted configuration resumes from its checkpoint of the rung before.</summary>
    public int Epochs => Rungs.Select((rung, i) => rung.Configurations * (rung.Epochs - (i == 0 ? 0 : Rungs[i - 1].Epochs))).Sum();

    public bool Equals(BracketPlan? other) =>
        other is not null && Iteration == other.Iteration && Bracket == other.Bracket && Rungs.SequenceEqual(other.Rungs);

    public override int GetHashCode() => HashCode.Combine(Iteration, Bracket, Rungs.Length);
}
