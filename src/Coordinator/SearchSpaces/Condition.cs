using System.Collections.Immutable;
using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.SearchSpaces;

/// <summary>
/// When a parameter is active: it depends on a parameter declared before it, and is left out of a configuration
/// (not given a value) while the condition does not hold.
/// </summary>
public abstract record Condition(string Parameter)
{
    public abstract bool Holds(HyperparameterSet chosenSoFar);

    /// <summary>Active when the other parameter has one of these values.</summary>
    public sealed record OneOf(string Parameter, ImmutableArray<HyperparameterValue> Values) : Condition(Parameter)
    {
        public override bool Holds(HyperparameterSet chosenSoFar) =>
            chosenSoFar.Values.TryGetValue(Parameter, out var value) && Values.Any(v => HyperparameterValues.Same(v, value));

        public bool Equals(OneOf? other) =>
            other is not null && Parameter == other.Parameter && Values.SequenceEqual(other.Values, HyperparameterValues.Comparer);

        public override int GetHashCode() => HashCode.Combine(Parameter, Values.Length);
    }

    /// <summary>Active when the other (numeric) parameter is strictly greater than a threshold.</summary>
    public sealed record GreaterThan(string Parameter, double Threshold) : Condition(Parameter)
    {
        public override bool Holds(HyperparameterSet chosenSoFar) =>
            chosenSoFar.Values.TryGetValue(Parameter, out var value) &&
            HyperparameterValues.AsNumber(value) is { } number && number > Threshold;
    }
}
