using System.Globalization;

namespace Tuner.Shared.Hyperparameters;

/// <summary>One hyperparameter's value: a whole number, a real number, a word or a flag.</summary>
public abstract record HyperparameterValue
{
    private HyperparameterValue()
    {
    }

    public sealed record WholeNumber(long Value) : HyperparameterValue
    {
        public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
    }

    public sealed record RealNumber(double Value) : HyperparameterValue
    {
        public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture);
    }

    public sealed record Word(string Value) : HyperparameterValue
    {
        public override string ToString() => Value;
    }

    public sealed record Flag(bool Value) : HyperparameterValue
    {
        public override string ToString() => Value ? "true" : "false";
    }
}
