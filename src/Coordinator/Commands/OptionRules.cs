using System.CommandLine;
using System.Globalization;

namespace Tuner.Coordinator.Commands;

/// <summary>Checks of flag values shared by the verbs, so that every verb refuses the same mistake in the same words.</summary>
public static class OptionRules
{
    /// <summary>Refuses values below <paramref name="minimum"/>; <paramref name="why"/> follows the rule in the message.</summary>
    public static Option<int> AtLeast(this Option<int> option, int minimum, string why = "")
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < minimum)
            {
                result.AddError($"{option.Name} must be at least {minimum}{why}, got {value}");
            }
        });
        return option;
    }

    /// <summary>
    /// Reads a duration as hours:minutes:seconds (<c>00:00:00.050</c> is 50 ms) and refuses anything else saying so,
    /// instead of the parser's generic "cannot parse argument".
    /// </summary>
    public static Option<TimeSpan> Duration(this Option<TimeSpan> option)
    {
        option.CustomParser = result =>
        {
            var text = string.Join(' ', result.Tokens.Select(token => token.Value));
            if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
            result.AddError($"{option.Name} must be a duration written hours:minutes:seconds, such as 00:00:00.050 for 50 ms, got '{text}'");
            return default;
        };
        return option;
    }
}
