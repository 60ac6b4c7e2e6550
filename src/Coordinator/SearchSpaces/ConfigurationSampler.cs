using Tuner.Coordinator.Randomness;
using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.SearchSpaces;

/// <summary>
/// Draws a configuration for one slot of the schedule. Each draw uses a stream derived from (seed, iteration, bracket,
/// slot, retry) only, so the configurations do not depend on which worker asked first.
/// </summary>
public sealed class ConfigurationSampler(SearchSpace space, long seed)
{
    /// <summary>Keras Tuner gives up after 20 collisions too.</summary>
    public const int MaxCollisions = 20;

    /// <summary>Spaces up to this size are listed in full once random draws keep colliding.</summary>
    public const int EnumerationLimit = 100_000;

    /// <summary>
    /// A configuration not in <paramref name="tried"/>, or null when the space is exhausted: random draws collided
    /// <see cref="MaxCollisions"/> times and either the space is small enough to list and every configuration in it was
    /// tried, or it is too large to list (then it is taken as exhausted, as Keras Tuner does).
    /// </summary>
    public HyperparameterSet? Sample(int iteration, int bracket, int slot, IReadOnlySet<HyperparameterSet> tried)
    {
        for (var retry = 0; retry <= MaxCollisions; retry++)
        {
            var candidate = space.Sample(new StableRandom(StableHash.Combine(seed, iteration, bracket, slot, retry)));
            if (!tried.Contains(candidate))
            {
                return candidate;
            }
        }
        var untried = space.Enumerate(EnumerationLimit)?.Where(c => !tried.Contains(c)).ToList();
        if (untried is null || untried.Count == 0)
        {
            return null;
        }
        var pick = new StableRandom(StableHash.Combine(seed, iteration, bracket, slot, -1)).NextLong(untried.Count);
        return untried[(int)pick];
    }
}
