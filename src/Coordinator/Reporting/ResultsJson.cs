using System.Text.Json;
using System.Text.Json.Serialization;
using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.Reporting;

/// <summary>
/// results.json (the rows of results.csv as an array of flat objects, for pandas.read_json) and trials.json (the full
/// trial records). Missing metrics and inactive hyperparameters are null; so is a non-finite metric in results.json,
/// which JSON cannot hold, while trials.json keeps it as "NaN" or "Infinity".
/// </summary>
public static class ResultsJson
{
    public static JsonSerializerOptions TrialOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static byte[] WriteRows(IReadOnlyList<ResultRow> rows)
    {
        var hyperparameters = ResultRow.HyperparameterColumns(rows);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                WriteRow(json, row, hyperparameters);
            }
            json.WriteEndArray();
        }
        return buffer.ToArray();
    }

    public static byte[] WriteTrials(IReadOnlyList<TrialRecord> trials) => JsonSerializer.SerializeToUtf8Bytes(trials, TrialOptions);

    public static IReadOnlyList<TrialRecord> ReadTrials(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<List<TrialRecord>>(json, TrialOptions)
        ?? throw new JsonException("trials.json holds null; expected an array of trials");

    private static void WriteRow(Utf8JsonWriter json, ResultRow row, IReadOnlyList<string> hyperparameters)
    {
        json.WriteStartObject();
        json.WriteString("study", row.Study);
        json.WriteNumber("trial", row.TrialId);
        json.WriteNumber("bracket", row.Bracket);
        json.WriteNumber("rung", row.Rung);
        json.WriteNumber("from_epoch", row.FromEpoch);
        json.WriteNumber("to_epoch", row.ToEpoch);
        json.WriteString("worker", row.WorkerId);
        json.WriteString("status", row.Status.ToText());
        WriteMetric(json, "val_accuracy", row.ValidationAccuracy);
        WriteMetric(json, "val_loss", row.ValidationLoss);
        WriteMetric(json, "accuracy", row.Accuracy);
        WriteMetric(json, "loss", row.Loss);
        WriteMetric(json, "seconds", row.Seconds);
        json.WriteBoolean("promoted", row.Promoted);
        foreach (var name in hyperparameters)
        {
            json.WritePropertyName(name);
            if (row.Hyperparameters.Values.TryGetValue(name, out var value))
            {
                WriteValue(json, value);
            }
            else
            {
                json.WriteNullValue();
            }
        }
        json.WriteEndObject();
    }

    private static void WriteMetric(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteValue(Utf8JsonWriter json, HyperparameterValue value)
    {
        if (value is HyperparameterValue.RealNumber { Value: var real } && !double.IsFinite(real))
        {
            json.WriteNullValue();
            return;
        }
        HyperparameterSetJsonConverter.WriteValue(json, value);
    }
}
