using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.SearchSpaces;

/// <summary>Comparisons between values where 3 and 3.0 mean the same number.</summary>
public static class HyperparameterValues
{
    public static IEqualityComparer<HyperparameterValue> Comparer { get; } = EqualityComparer<HyperparameterValue>.Create(
        (a, b) => a is not null && b is not null && Same(a, b),
        value => AsNumber(value) is { } number ? number.GetHashCode() : value.GetHashCode());

    public static double? AsNumber(HyperparameterValue value) => value switch
    {
        HyperparameterValue.WholeNumber whole => whole.Value,
        HyperparameterValue.RealNumber real => real.Value,
        _ => null,
    };

    public static bool Same(HyperparameterValue a, HyperparameterValue b) =>
        AsNumber(a) is { } x && AsNumber(b) is { } y ? x == y : a.Equals(b);
}
