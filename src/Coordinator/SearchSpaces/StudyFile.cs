using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Tuner.Coordinator.Scheduling;
using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.SearchSpaces;

/// <summary>
/// Reads and writes study files (format in docs/engine.md). Every fault is reported with its JSON path and what was
/// expected there, so a user can fix the file without reading this code.
/// </summary>
public static class StudyFile
{
    private static readonly string[] StudyProperties = ["name", "description", "objective", "schedule", "parameters"];
    private static readonly string[] Types = ["choice", "int", "float", "boolean", "fixed"];

    public static Study Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StudyFileException("$", $"cannot read study file '{path}': {e.Message}");
        }
        return Parse(text);
    }

    public static Study Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new StudyFileException("$", $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}");
        }
        using (document)
        {
            return ReadStudy(document.RootElement);
        }
    }

    public static string Write(Study study)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            Write(writer, study);
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    public static void Write(Utf8JsonWriter writer, Study study)
    {
        writer.WriteStartObject();
        writer.WriteString("name", study.Name);
        writer.WriteString("description", study.Description);
        writer.WriteStartObject("objective");
        writer.WriteString("metric", study.Objective.Metric);
        writer.WriteString("direction", study.Objective.Direction);
        writer.WriteEndObject();
        writer.WriteStartObject("schedule");
        writer.WriteString("kind", ScheduleName(study.Schedule.Kind));
        writer.WriteNumber("max_epochs", study.Schedule.MaxEpochs);
        writer.WriteNumber("factor", study.Schedule.Factor);
        writer.WriteNumber("iterations", study.Schedule.Iterations);
        writer.WriteEndObject();
        writer.WriteStartArray("parameters");
        foreach (var parameter in study.Space.Parameters)
        {
            WriteParameter(writer, parameter);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static string ScheduleName(ScheduleKind kind) => kind.ToString().ToLowerInvariant();

    public static ScheduleKind? ParseScheduleName(string? name) => name switch
    {
        "hyperband" => ScheduleKind.Hyperband,
        "keras" => ScheduleKind.Keras,
        "asha" => ScheduleKind.Asha,
        _ => null,
    };

    private static void WriteParameter(Utf8JsonWriter writer, Parameter parameter)
    {
        writer.WriteStartObject();
        writer.WriteString("name", parameter.Name);
        switch (parameter)
        {
            case Parameter.Choice choice:
                writer.WriteString("type", "choice");
                writer.WriteStartArray("values");
                foreach (var value in choice.Values)
                {
                    HyperparameterSetJsonConverter.WriteValue(writer, value);
                }
                writer.WriteEndArray();
                break;
            case Parameter.Whole integer:
                writer.WriteString("type", "int");
                writer.WriteNumber("min", integer.Min);
                writer.WriteNumber("max", integer.Max);
                writer.WriteNumber("step", integer.Step);
                break;
            case Parameter.Real real:
                writer.WriteString("type", "float");
                WriteReal(writer, "min", real.Min);
                WriteReal(writer, "max", real.Max);
                if (real.Step is { } step)
                {
                    WriteReal(writer, "step", step);
                }
                if (real.Log)
                {
                    writer.WriteBoolean("log", true);
                }
                break;
            case Parameter.Boolean:
                writer.WriteString("type", "boolean");
                break;
            case Parameter.Fixed fixedValue:
                writer.WriteString("type", "fixed");
                writer.WritePropertyName("value");
                HyperparameterSetJsonConverter.WriteValue(writer, fixedValue.Value);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "unknown kind of parameter");
        }
        if (parameter.When is { } condition)
        {
            writer.WriteStartObject("when");
            writer.WriteString("parameter", condition.Parameter);
            switch (condition)
            {
                case Condition.OneOf oneOf:
                    writer.WriteStartArray("one_of");
                    foreach (var value in oneOf.Values)
                    {
                        HyperparameterSetJsonConverter.WriteValue(writer, value);
                    }
                    writer.WriteEndArray();
                    break;
                case Condition.GreaterThan greaterThan:
                    WriteReal(writer, "greater_than", greaterThan.Threshold);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(parameter), condition, "unknown kind of condition");
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    /// <summary>Whole-valued doubles are written without a fraction, as people write thresholds and ranges.</summary>
    private static void WriteReal(Utf8JsonWriter writer, string name, double value) => writer.WriteNumber(name, value);

    private static Study ReadStudy(JsonElement root)
    {
        RequireKind(root, "$", JsonValueKind.Object, "an object with name, parameters and optionally description, objective, schedule");
        RejectUnknown(root, "$", StudyProperties);
        var name = RequireString(root, "$", "name");
        var description = root.TryGetProperty("description", out var d) ? ReadString(d, "$.description") : "";
        var objective = root.TryGetProperty("objective", out var o) ? ReadObjective(o) : Objective.ValidationAccuracy;
        var schedule = root.TryGetProperty("schedule", out var s) ? ReadSchedule(s) : new ScheduleOptions(ScheduleKind.Hyperband, 27, 3);
        if (!root.TryGetProperty("parameters", out var parameters))
        {
            throw new StudyFileException("$.parameters", "missing; expected an array of parameters");
        }
        return new Study(name, description, objective, ReadSpace(parameters), schedule);
    }

    private static Objective ReadObjective(JsonElement element)
    {
        const string Path = "$.objective";
        RequireKind(element, Path, JsonValueKind.Object, "an object with metric and direction");
        RejectUnknown(element, Path, ["metric", "direction"]);
        var metric = RequireString(element, Path, "metric");
        if (metric != Objective.ValidationAccuracy.Metric)
        {
            throw new StudyFileException($"{Path}.metric", $"unknown metric '{metric}'; expected 'val_accuracy' (the only metric trial workers report)");
        }
        var direction = RequireString(element, Path, "direction");
        if (direction != Objective.ValidationAccuracy.Direction)
        {
            throw new StudyFileException($"{Path}.direction", $"unknown direction '{direction}'; expected 'maximize' for val_accuracy");
        }
        return new Objective(metric, direction);
    }

    private static ScheduleOptions ReadSchedule(JsonElement element)
    {
        const string Path = "$.schedule";
        RequireKind(element, Path, JsonValueKind.Object, "an object with kind, max_epochs, factor and optionally iterations");
        RejectUnknown(element, Path, ["kind", "max_epochs", "factor", "iterations"]);
        var kindName = RequireString(element, Path, "kind");
        var kind = ParseScheduleName(kindName) ??
            throw new StudyFileException($"{Path}.kind", $"unknown schedule '{kindName}'; expected hyperband, keras or asha");
        var maxEpochs = (int)RequireWhole(element, Path, "max_epochs", 1, 100_000);
        var factor = (int)RequireWhole(element, Path, "factor", 2, 1000);
        var iterations = element.TryGetProperty("iterations", out _) ? (int)RequireWhole(element, Path, "iterations", 1, 1000) : 1;
        return new ScheduleOptions(kind, maxEpochs, factor, iterations);
    }

    private static SearchSpace ReadSpace(JsonElement element)
    {
        RequireKind(element, "$.parameters", JsonValueKind.Array, "an array of parameters");
        var parameters = new List<Parameter>();
        var declaredAt = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var path = $"$.parameters[{index++}]";
            var parameter = ReadParameter(item, path, declaredAt);
            if (declaredAt.TryGetValue(parameter.Name, out var first))
            {
                throw new StudyFileException($"{path}.name", $"duplicate parameter name '{parameter.Name}' (first declared at {first}); give each parameter its own name");
            }
            declaredAt[parameter.Name] = path;
            parameters.Add(parameter);
        }
        if (parameters.Count == 0)
        {
            throw new StudyFileException("$.parameters", "empty; declare at least one parameter");
        }
        return new SearchSpace([.. parameters]);
    }

    private static Parameter ReadParameter(JsonElement element, string path, Dictionary<string, string> declaredBefore)
    {
        RequireKind(element, path, JsonValueKind.Object, "an object with name and type");
        var name = RequireString(element, path, "name");
        if (name.Length == 0)
        {
            throw new StudyFileException($"{path}.name", "empty; give the parameter a name");
        }
        var type = RequireString(element, path, "type");
        var condition = element.TryGetProperty("when", out var when) ? ReadCondition(when, $"{path}.when", name, declaredBefore) : null;
        switch (type)
        {
            case "choice":
                RejectUnknown(element, path, ["name", "type", "values", "when"]);
                return new Parameter.Choice(name, ReadChoiceValues(element, path), condition);
            case "int":
                RejectUnknown(element, path, ["name", "type", "min", "max", "step", "when"]);
                return ReadInteger(element, path, name, condition);
            case "float":
                RejectUnknown(element, path, ["name", "type", "min", "max", "step", "log", "when"]);
                return ReadReal(element, path, name, condition);
            case "boolean":
                RejectUnknown(element, path, ["name", "type", "when"]);
                return new Parameter.Boolean(name, condition);
            case "fixed":
                RejectUnknown(element, path, ["name", "type", "value", "when"]);
                if (!element.TryGetProperty("value", out var value))
                {
                    throw new StudyFileException($"{path}.value", "missing; expected the parameter's value");
                }
                return new Parameter.Fixed(name, ReadValue(value, $"{path}.value"), condition);
            default:
                throw new StudyFileException($"{path}.type", $"unknown type '{type}'; expected one of {string.Join(", ", Types)}");
        }
    }

    private static ImmutableArray<HyperparameterValue> ReadChoiceValues(JsonElement element, string path)
    {
        var valuesPath = $"{path}.values";
        if (!element.TryGetProperty("values", out var values))
        {
            throw new StudyFileException(valuesPath, "missing; expected a non-empty array of values");
        }
        RequireKind(values, valuesPath, JsonValueKind.Array, "a non-empty array of values");
        var read = values.EnumerateArray().Select((v, i) => ReadValue(v, $"{valuesPath}[{i}]")).ToImmutableArray();
        if (read.IsEmpty)
        {
            throw new StudyFileException(valuesPath, "empty choice; list at least one value");
        }
        for (var i = 1; i < read.Length; i++)
        {
            if (read.Take(i).Any(earlier => HyperparameterValues.Same(earlier, read[i])))
            {
                throw new StudyFileException($"{valuesPath}[{i}]", $"value {read[i]} is listed twice; list each value once");
            }
        }
        return read;
    }

    private static Parameter.Whole ReadInteger(JsonElement element, string path, string name, Condition? condition)
    {
        var min = RequireWhole(element, path, "min", long.MinValue / 4, long.MaxValue / 4);
        var max = RequireWhole(element, path, "max", long.MinValue / 4, long.MaxValue / 4);
        if (max < min)
        {
            throw new StudyFileException($"{path}.max", $"must be at least min ({min}), got {max}");
        }
        var step = element.TryGetProperty("step", out _) ? RequireWhole(element, path, "step", 1, long.MaxValue / 4) : 1;
        if ((max - min) % step != 0)
        {
            throw new StudyFileException($"{path}.step", $"step {step} does not fit: max - min ({max - min}) must be a multiple of it");
        }
        return new Parameter.Whole(name, min, max, step, condition);
    }

    private static Parameter.Real ReadReal(JsonElement element, string path, string name, Condition? condition)
    {
        var min = RequireNumber(element, path, "min");
        var max = RequireNumber(element, path, "max");
        if (max < min)
        {
            throw new StudyFileException($"{path}.max", $"must be at least min ({min.ToString(CultureInfo.InvariantCulture)}), got {max.ToString(CultureInfo.InvariantCulture)}");
        }
        var log = false;
        if (element.TryGetProperty("log", out var logElement))
        {
            if (logElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new StudyFileException($"{path}.log", "expected true or false");
            }
            log = logElement.GetBoolean();
        }
        if (log && min <= 0)
        {
            throw new StudyFileException($"{path}.min", "a log-scale range must start above 0");
        }
        double? step = null;
        if (element.TryGetProperty("step", out _))
        {
            if (log)
            {
                throw new StudyFileException($"{path}.step", "a log-scale float is continuous; remove step or log");
            }
            var value = RequireNumber(element, path, "step");
            if (value <= 0 || ((decimal)max - (decimal)min) % (decimal)value != 0)
            {
                throw new StudyFileException($"{path}.step", $"step {value.ToString(CultureInfo.InvariantCulture)} does not fit: it must be above 0 and max - min must be a whole multiple of it");
            }
            step = value;
        }
        return new Parameter.Real(name, min, max, step, log, condition);
    }

    private static Condition ReadCondition(JsonElement element, string path, string owner, Dictionary<string, string> declaredBefore)
    {
        RequireKind(element, path, JsonValueKind.Object, "an object with parameter and one of one_of, greater_than");
        RejectUnknown(element, path, ["parameter", "one_of", "greater_than"]);
        var parameter = RequireString(element, path, "parameter");
        if (!declaredBefore.ContainsKey(parameter))
        {
            throw new StudyFileException($"{path}.parameter", $"no parameter named '{parameter}' is declared before '{owner}'; a condition may only refer to a parameter listed above it");
        }
        var hasOneOf = element.TryGetProperty("one_of", out var oneOf);
        var hasGreaterThan = element.TryGetProperty("greater_than", out _);
        if (hasOneOf == hasGreaterThan)
        {
            throw new StudyFileException(path, "give exactly one of one_of (a list of values) or greater_than (a number)");
        }
        if (hasGreaterThan)
        {
            return new Condition.GreaterThan(parameter, RequireNumber(element, path, "greater_than"));
        }
        RequireKind(oneOf, $"{path}.one_of", JsonValueKind.Array, "a non-empty array of values");
        var values = oneOf.EnumerateArray().Select((v, i) => ReadValue(v, $"{path}.one_of[{i}]")).ToImmutableArray();
        if (values.IsEmpty)
        {
            throw new StudyFileException($"{path}.one_of", "empty; list at least one value");
        }
        return new Condition.OneOf(parameter, values);
    }

    private static HyperparameterValue ReadValue(JsonElement element, string path) =>
        HyperparameterSetJsonConverter.ReadValue(element) ?? throw new StudyFileException(path, "expected a number, a string, true or false");

    private static void RequireKind(JsonElement element, string path, JsonValueKind kind, string expected)
    {
        if (element.ValueKind != kind)
        {
            throw new StudyFileException(path, $"expected {expected}, got {element.ValueKind.ToString().ToLowerInvariant()}");
        }
    }

    private static void RejectUnknown(JsonElement element, string path, string[] known)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                throw new StudyFileException($"{path}.{property.Name}", $"unknown property; expected one of {string.Join(", ", known)}");
            }
        }
    }

    private static string RequireString(JsonElement element, string path, string property)
    {
        if (!element.TryGetProperty(property, out var value))
        {
            throw new StudyFileException($"{path}.{property}", "missing; expected a string");
        }
        return ReadString(value, $"{path}.{property}");
    }

    private static string ReadString(JsonElement element, string path)
    {
        RequireKind(element, path, JsonValueKind.String, "a string");
        return element.GetString()!;
    }

    private static double RequireNumber(JsonElement element, string path, string property)
    {
        if (!element.TryGetProperty(property, out var value))
        {
            throw new StudyFileException($"{path}.{property}", "missing; expected a number");
        }
        RequireKind(value, $"{path}.{property}", JsonValueKind.Number, "a number");
        return value.GetDouble();
    }

    private static long RequireWhole(JsonElement element, string path, string property, long min, long max)
    {
        var number = RequireNumber(element, path, property);
        if (number != Math.Floor(number) || number < min || number > max)
        {
            var range = max >= long.MaxValue / 4 ? $"at least {min}" : $"from {min} to {max}";
            throw new StudyFileException($"{path}.{property}", $"expected a whole number {range}, got {number.ToString(CultureInfo.InvariantCulture)}");
        }
        return (long)number;
    }
}
