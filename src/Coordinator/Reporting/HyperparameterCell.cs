using System.Globalization;
using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.Reporting;

/// <summary>
/// A hyperparameter value as one text cell. Reals always carry a '.' or an exponent so that they read back as reals,
/// as in the JSON form; a word that itself reads as a number or as true/false comes back as that number or flag, as
/// it would in pandas.
/// </summary>
public static class HyperparameterCell
{
    public static string Format(HyperparameterValue value) => value switch
    {
        HyperparameterValue.RealNumber real => FormatReal(real.Value),
        _ => value.ToString(),
    };

    public static HyperparameterValue Parse(string cell)
    {
        if (cell is "true" or "false")
        {
            return new HyperparameterValue.Flag(cell == "true");
        }
        if (long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return new HyperparameterValue.WholeNumber(whole);
        }
        if (cell.AsSpan().IndexOfAny(".eE") >= 0
            && double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return new HyperparameterValue.RealNumber(real);
        }
        return new HyperparameterValue.Word(cell);
    }

    private static string FormatReal(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return !double.IsFinite(value) || text.AsSpan().IndexOfAny(".E") >= 0 ? text : text + ".0";
    }
}
