using System.Globalization;
using System.Text.Json;
using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.Commands;

/// <summary>
/// Reads an assignment from `name=value` arguments or a JSON object. A value reads as a flag (true/false), a whole
/// number, a real number, or else a word, as a search space would have produced it.
/// </summary>
public static class HyperparameterArguments
{
    public static HyperparameterSet Parse(IEnumerable<string> assignments, HyperparameterSet start)
    {
        var set = start;
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == assignment.Length - 1)
            {
                throw new InvalidHyperparametersException($"--set '{assignment}' is not name=value; write for example --set learning_rate=0.001");
            }
            set = set.With(assignment[..equals].Trim(), ParseValue(assignment[(equals + 1)..].Trim()));
        }
        return set;
    }

    public static HyperparameterValue ParseValue(string text)
    {
        if (bool.TryParse(text, out var flag))
        {
            return new HyperparameterValue.Flag(flag);
        }
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
        {
            return new HyperparameterValue.WholeNumber(whole);
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            ? new HyperparameterValue.RealNumber(real)
            : new HyperparameterValue.Word(text);
    }

    /// <summary>Reads a JSON object of names to numbers, strings or booleans; <paramref name="source"/> names it in errors.</summary>
    public static HyperparameterSet ParseJson(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException error)
        {
            throw new InvalidHyperparametersException($"{source} is not valid JSON ({error.Message}); write an object such as {{\"learning_rate\": 0.001, \"num_layers\": 3}}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidHyperparametersException($"{source} must hold one JSON object of hyperparameter names to values");
            }
            var set = HyperparameterSet.Empty;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                set = set.With(property.Name, property.Value.ValueKind switch
                {
                    JsonValueKind.True or JsonValueKind.False => new HyperparameterValue.Flag(property.Value.GetBoolean()),
                    JsonValueKind.String => new HyperparameterValue.Word(property.Value.GetString()!),
                    JsonValueKind.Number when property.Value.TryGetInt64(out var whole) => new HyperparameterValue.WholeNumber(whole),
                    JsonValueKind.Number => new HyperparameterValue.RealNumber(property.Value.GetDouble()),
                    var kind => throw new InvalidHyperparametersException($"hyperparameter '{property.Name}' in {source} is a JSON {kind.ToString().ToLowerInvariant()}; give a number, a string or true/false"),
                });
            }
            return set;
        }
    }
}
