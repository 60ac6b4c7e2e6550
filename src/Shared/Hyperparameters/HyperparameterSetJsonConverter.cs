using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tuner.Shared.Hyperparameters;

/// <summary>
/// An assignment as a plain JSON object (<c>{"learning_rate": 0.001, "num_layers": 3}</c>), the form people read and
/// write by hand: a number written without fraction or exponent is a whole number, any other number a real one (1.0
/// stays real on the way back), strings are words and true/false are flags.
/// </summary>
public sealed class HyperparameterSetJsonConverter : JsonConverter<HyperparameterSet>
{
    public static HyperparameterValue? ReadValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => new HyperparameterValue.Word(element.GetString()!),
        JsonValueKind.True => new HyperparameterValue.Flag(true),
        JsonValueKind.False => new HyperparameterValue.Flag(false),
        JsonValueKind.Number when element.GetRawText().IndexOfAny(['.', 'e', 'E']) < 0 && element.TryGetInt64(out var whole) =>
            new HyperparameterValue.WholeNumber(whole),
        JsonValueKind.Number => new HyperparameterValue.RealNumber(element.GetDouble()),
        _ => null,
    };

    public static void WriteValue(Utf8JsonWriter writer, HyperparameterValue value)
    {
        switch (value)
        {
            case HyperparameterValue.WholeNumber whole:
                writer.WriteNumberValue(whole.Value);
                break;
            case HyperparameterValue.RealNumber { Value: var real } when real == Math.Floor(real) && Math.Abs(real) < 1e15:
                // A decimal with one digit of scale prints as "3.0", which reads back as a real number.
                writer.WriteNumberValue((decimal)real * 1.0m);
                break;
            case HyperparameterValue.RealNumber real:
                writer.WriteNumberValue(real.Value);
                break;
            case HyperparameterValue.Word word:
                writer.WriteStringValue(word.Value);
                break;
            case HyperparameterValue.Flag flag:
                writer.WriteBooleanValue(flag.Value);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value, "unknown kind of hyperparameter value");
        }
    }

    public override HyperparameterSet Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var set = HyperparameterSet.Empty;
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var value = ReadValue(property.Value) ??
                throw new JsonException($"hyperparameter '{property.Name}' must be a number, a string or true/false");
            set = set.With(property.Name, value);
        }
        return set;
    }

    public override void Write(Utf8JsonWriter writer, HyperparameterSet value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, item) in value.Values)
        {
            writer.WritePropertyName(name);
            WriteValue(writer, item);
        }
        writer.WriteEndObject();
    }
}
