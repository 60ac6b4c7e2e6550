using System.Collections.Immutable;
namespace Tuner.Coordinator.Scheduling;

/// <summary><see cref="Members"/> in order of entry; <see cref="Reported"/> counts results in, failures included.</summary>
public sealed record RungStatus(int Epochs, int PlannedSize, ImmutableArray<int> Members, int Reported, int Running);
