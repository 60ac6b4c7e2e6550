using System.Collections.Immutable;
namespace Tuner.Coordinator.Scheduling;

public sealed record BracketStatus(int Iteration, int Bracket, ImmutableArray<RungStatus> Rungs);
