using System.Collections.Immutable;
using Tuner.Coordinator.Randomness;
using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.SearchSpaces;

/// <summary>
/// Parameters in declaration order; a condition may only look at parameters declared before it, so one pass in
/// order decides which parameters are active.
/// </summary>
public sealed record SearchSpace(ImmutableArray<Parameter> Parameters)
{
    /// <summary>One configuration: active parameters only, drawn in declaration order from one stream.</summary>
    public HyperparameterSet Sample(StableRandom random)
    {
        var chosen = HyperparameterSet.Empty;
        foreach (var parameter in Parameters)
        {
            if (parameter.When is null || parameter.When.Holds(chosen))
            {
                chosen = chosen.With(parameter.Name, parameter.Sample(random));
            }
        }
        return chosen;
    }

    /// <summary>
    /// Every distinct configuration, in a fixed order, when the space is discrete and has at most
    /// <paramref name="limit"/> of them; otherwise null.
    /// </summary>
    public IReadOnlyList<HyperparameterSet>? Enumerate(int limit)
    {
        var grids = Parameters.Select(p => p.Grid()).ToArray();
        if (grids.Any(g => g is null))
        {
            return null;
        }
        var partial = new List<HyperparameterSet> { HyperparameterSet.Empty };
        for (var i = 0; i < Parameters.Length; i++)
        {
            var parameter = Parameters[i];
            var next = new List<HyperparameterSet>();
            foreach (var set in partial)
            {
                if (parameter.When is not null && !parameter.When.Holds(set))
                {
                    next.Add(set);
                    continue;
                }
                next.AddRange(grids[i]!.Select(value => set.With(parameter.Name, value)));
                if (next.Count > limit)
                {
                    return null;
                }
            }
            partial = next;
        }
        return partial;
    }

    public bool Equals(SearchSpace? other) => other is not null && Parameters.SequenceEqual(other.Parameters);

    public override int GetHashCode() => Parameters.Length;
}
