using System.Collections.Immutable;
using System.Globalization;

namespace Tuner.Shared.Hyperparameters;

/// <summary>
/// A full assignment of hyperparameters for one trial, ordered by name so that equality, hashing and printing do not
/// depend on the order in which values were chosen.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(HyperparameterSetJsonConverter))]
public sealed record HyperparameterSet(ImmutableSortedDictionary<string, HyperparameterValue> Values)
{
    public static HyperparameterSet Empty { get; } = new(ImmutableSortedDictionary<string, HyperparameterValue>.Empty.WithComparers(StringComparer.Ordinal));

    public HyperparameterSet With(string name, HyperparameterValue value) => new(Values.SetItem(name, value));

    public bool Contains(string name) => Values.ContainsKey(name);

    public long GetInteger(string name) => Get(name) switch
    {
        HyperparameterValue.WholeNumber i => i.Value,
        HyperparameterValue.RealNumber r when r.Value == Math.Floor(r.Value) => (long)r.Value,
        var other => throw WrongType(name, "a whole number", other),
    };

    public double GetReal(string name) => Get(name) switch
    {
        HyperparameterValue.RealNumber r => r.Value,
        HyperparameterValue.WholeNumber i => i.Value,
        var other => throw WrongType(name, "a number", other),
    };

    public string GetText(string name) => Get(name) switch
    {
        HyperparameterValue.Word t => t.Value,
        var other => throw WrongType(name, "a word", other),
    };

    public bool GetFlag(string name) => Get(name) switch
    {
        HyperparameterValue.Flag f => f.Value,
        var other => throw WrongType(name, "true or false", other),
    };

    public long GetInteger(string name, long fallback) => Contains(name) ? GetInteger(name) : fallback;

    public double GetReal(string name, double fallback) => Contains(name) ? GetReal(name) : fallback;

    public string GetText(string name, string fallback) => Contains(name) ? GetText(name) : fallback;

    public bool GetFlag(string name, bool fallback) => Contains(name) ? GetFlag(name) : fallback;

    public bool Equals(HyperparameterSet? other) =>
        other is not null && Values.Count == other.Values.Count &&
        Values.All(pair => other.Values.TryGetValue(pair.Key, out var value) && value.Equals(pair.Value));

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (name, value) in Values)
        {
            hash.Add(name);
            hash.Add(value);
        }
        return hash.ToHashCode();
    }

    public override string ToString() =>
        string.Join(", ", Values.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}={pair.Value}")));

    private HyperparameterValue Get(string name) =>
        Values.TryGetValue(name, out var value)
            ? value
            : throw new InvalidHyperparametersException($"hyperparameter '{name}' is missing; give it a value or add it to the search space");

    private static InvalidHyperparametersException WrongType(string name, string expected, HyperparameterValue actual) =>
        new($"hyperparameter '{name}' must be {expected}, not '{actual}'");
}
