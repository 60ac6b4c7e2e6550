using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tuner.Shared.Hyperparameters;

/// <summary>
/// Writes an assignment as a plain JSON object (<c>{"learning_rate": 0.001, "num_layers": 3}</c>), the form people
/// read and write by hand. A number with a fraction or exponent is a real number, so reals are always written with
/// one (<c>1.0</c>, not <c>1</c>) to keep their kind through a round trip.
/// </summary>
public sealed class HyperparameterSetJsonConverter : JsonConverter<HyperparameterSet>
{
    public override HyperparameterSet Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("hyperparameters must be a JSON object of name: value");
        }
        var values = ImmutableSortedDictionary.CreateBuilder<string, HyperparameterValue>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            values[name] = reader.TokenType switch
            {
                JsonTokenType.Number when IsWhole(reader.ValueSpan) && reader.TryGetInt64(out var whole) => new HyperparameterValue.WholeNumber(whole),
                JsonTokenType.Number => new HyperparameterValue.RealNumber(reader.GetDouble()),
                JsonTokenType.String => new HyperparameterValue.Word(reader.GetString()!),
                JsonTokenType.True => new HyperparameterValue.Flag(true),
                JsonTokenType.False => new HyperparameterValue.Flag(false),
                var token => throw new JsonException($"hyperparameter '{name}' must be a number, a string or true/false, not {token}"),
            };
        }
        return new HyperparameterSet(values.ToImmutable());
    }

    public override void Write(Utf8JsonWriter writer, HyperparameterSet value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, parameter) in value.Values)
        {
            writer.WritePropertyName(name);
            switch (parameter)
            {
                case HyperparameterValue.WholeNumber whole:
                    writer.WriteNumberValue(whole.Value);
                    break;
                case HyperparameterValue.RealNumber real:
                    writer.WriteRawValue(FormatReal(real.Value));
                    break;
                case HyperparameterValue.Word word:
                    writer.WriteStringValue(word.Value);
                    break;
                case HyperparameterValue.Flag flag:
                    writer.WriteBooleanValue(flag.Value);
                    break;
            }
        }
        writer.WriteEndObject();
    }

    private static string FormatReal(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new JsonException($"a hyperparameter cannot be {value}");
        }
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static bool IsWhole(ReadOnlySpan<byte> number) =>
        number.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0;
}
