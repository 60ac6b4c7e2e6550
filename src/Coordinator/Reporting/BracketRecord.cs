namespace Tuner.Coordinator.Reporting;

/// <summary>One planned bracket: <see cref="Bracket"/> is s, the number of halvings after its first rung.</summary>
public sealed record BracketRecord(int Iteration, int Bracket, IReadOnlyList<RungRecord> Rungs);
