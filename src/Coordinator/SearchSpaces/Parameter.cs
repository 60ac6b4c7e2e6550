using System.Collections.Immutable;
using Tuner.Coordinator.Randomness;
using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.SearchSpaces;

/// <summary>One dimension of a search space; <see cref="When"/> is null for a parameter that is always active.</summary>
public abstract record Parameter(string Name, Condition? When)
{
    public abstract HyperparameterValue Sample(StableRandom random);

    /// <summary>Every value the parameter can take, or null when it is continuous.</summary>
    public abstract IReadOnlyList<HyperparameterValue>? Grid();

    public sealed record Choice(string Name, ImmutableArray<HyperparameterValue> Values, Condition? When = null) : Parameter(Name, When)
    {
        public override HyperparameterValue Sample(StableRandom random) => Values[(int)random.NextLong(Values.Length)];

        public override IReadOnlyList<HyperparameterValue> Grid() => Values;

        public bool Equals(Choice? other) =>
            other is not null && Name == other.Name && Equals(When, other.When) &&
            Values.SequenceEqual(other.Values);

        public override int GetHashCode() => HashCode.Combine(Name, Values.Length);
    }

    /// <summary>Whole numbers min, min + step, ..., max (the step divides max - min).</summary>
    public sealed record Whole(string Name, long Min, long Max, long Step = 1, Condition? When = null) : Parameter(Name, When)
    {
        public long Count => ((Max - Min) / Step) + 1;

        public override HyperparameterValue Sample(StableRandom random) =>
            new HyperparameterValue.WholeNumber(Min + (random.NextLong(Count) * Step));

        public override IReadOnlyList<HyperparameterValue> Grid() =>
            [.. Enumerable.Range(0, (int)Count).Select(k => new HyperparameterValue.WholeNumber(Min + (k * Step)))];
    }

    /// <summary>
    /// Real numbers: on the grid min, min + step, ..., max when a step is given (computed in decimal so that 0.1 * 3
    /// is 0.3), otherwise continuous, uniform or (when <see cref="Log"/>) log-uniform.
    /// </summary>
    public sealed record Real(string Name, double Min, double Max, double? Step = null, bool Log = false, Condition? When = null) : Parameter(Name, When)
    {
        public override HyperparameterValue Sample(StableRandom random)
        {
            if (Step is { } step)
            {
                return GridValue(random.NextLong(GridCount(step)), step);
            }
            var u = random.NextDouble();
            var value = Log ? Math.Exp(Math.Log(Min) + (u * (Math.Log(Max) - Math.Log(Min)))) : Min + (u * (Max - Min));
            return new HyperparameterValue.RealNumber(value);
        }

        public override IReadOnlyList<HyperparameterValue>? Grid() =>
            Step is { } step ? [.. Enumerable.Range(0, (int)GridCount(step)).Select(k => GridValue(k, step))] : null;

        private long GridCount(double step) => (long)Math.Round((Max - Min) / step) + 1;

        private HyperparameterValue.RealNumber GridValue(long k, double step) =>
            new((double)((decimal)Min + (k * (decimal)step)));
    }

    public sealed record Boolean(string Name, Condition? When = null) : Parameter(Name, When)
    {
        public override HyperparameterValue Sample(StableRandom random) => new HyperparameterValue.Flag(random.NextLong(2) == 1);

        public override IReadOnlyList<HyperparameterValue> Grid() => [new HyperparameterValue.Flag(false), new HyperparameterValue.Flag(true)];
    }

    public sealed record Fixed(string Name, HyperparameterValue Value, Condition? When = null) : Parameter(Name, When)
    {
        public override HyperparameterValue Sample(StableRandom random) => Value;

        public override IReadOnlyList<HyperparameterValue> Grid() => [Value];
    }
}
