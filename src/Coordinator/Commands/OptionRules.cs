using System.CommandLine;

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
}
