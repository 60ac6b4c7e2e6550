using Tuner.Coordinator.Scheduling;
using Tuner.Coordinator.SearchSpaces;
using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.Tests.SearchSpaces;

public class StudyFileTests
{
    public static TheoryData<string> BuiltInNames => [.. BuiltInStudies.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(BuiltInNames))]
    public void A_built_in_study_printed_as_json_loads_back_equal(string name)
    {
        var study = BuiltInStudies.Find(name)!;
        var json = StudyFile.Write(study);

        var loaded = StudyFile.Parse(json);

        Assert.Equal(study, loaded);
        Assert.Equal(json, StudyFile.Write(loaded));
    }

    [Fact]
    public void The_seed_study_searches_the_seeds_space_with_its_budget()
    {
        var study = BuiltInStudies.Find("seed-mlp")!;

        Assert.Equal(new ScheduleOptions(ScheduleKind.Keras, 10, 2), study.Schedule);
        Assert.Equal(
            ["learning_rate", "num_layers", "num_units_0", "num_units_1", "num_units_2", "num_units_3", "num_units_4"],
            study.Space.Parameters.Select(p => p.Name));
        Assert.Equal(new Parameter.Whole("num_units_3", 15, 120, 15, new Condition.GreaterThan("num_layers", 3)), study.Space.Parameters[5]);
    }

    [Fact]
    public void The_regularized_study_draws_valid_dropout_rates()
    {
        var drop = BuiltInStudies.Find("seed-mlp-regularized")!.Space.Parameters.OfType<Parameter.Real>().First();

        Assert.Equal([0.0, 0.1, 0.2, 0.3, 0.4, 0.5], drop.Grid()!.Select(v => ((HyperparameterValue.RealNumber)v).Value));
    }

    [Fact]
    public void Real_and_whole_numbers_keep_their_kind_through_a_file()
    {
        var study = StudyFile.Parse("""
            {"name": "kinds", "parameters": [
              {"name": "a", "type": "choice", "values": [1, 2.0e0, 2.5, "relu", true]},
              {"name": "b", "type": "fixed", "value": 3.0}
            ]}
            """);

        var choice = (Parameter.Choice)study.Space.Parameters[0];
        Assert.IsType<HyperparameterValue.WholeNumber>(choice.Values[0]);
        Assert.IsType<HyperparameterValue.RealNumber>(choice.Values[1]);
        Assert.Equal(study, StudyFile.Parse(StudyFile.Write(study)));
    }

    public static TheoryData<string, string, string> InvalidFiles => new()
    {
        { """{"name": "x", "parameters": [{"name": "a", "type": "integer", "min": 1, "max": 2}]}""", "$.parameters[0].type", "unknown type 'integer'" },
        { """{"name": "x", "parameters": [{"name": "a", "type": "int", "min": 1, "max": 2}, {"name": "b", "type": "int", "min": 5, "max": 2}]}""", "$.parameters[1].max", "at least min (5)" },
        { """{"name": "x", "parameters": [{"name": "a", "type": "float", "min": 1.5, "max": 0.5}]}""", "$.parameters[0].max", "at least min" },
        { """{"name": "x", "parameters": [{"name": "a", "type": "int", "min": 15, "max": 120, "step": 20}]}""", "$.parameters[0].step", "does not fit" },
        { """{"name": "x", "parameters": [{"name": "a", "type": "float", "min": 0.2, "max": 4, "step": 0.5}]}""", "$.parameters[0].step", "does not fit" },
        { """{"name": "x", "parameters": [{"name": "a", "type": "int", "min": 1, "max": 5, "step": 0}]}""", "$.parameters[0].step", "at least 1" },
        { """{"name": "x", "parameters": [{"name": "a", "type": "choice", "values": []}]}""", "$.parameters[0].values", "empty choice" },
        { """{"name": "x", "parameters": [{"name": "a", "type": "choice", "values": [1, 2, 1]}]}""", "$.parameters[0].values[2]", "listed twice" },
        { """{"name": "x", "parameters": [{"name": "a", "type": "boolean", "when": {"parameter": "layers", "greater_than": 1}}]}""", "$.parameters[0].when.parameter", "no parameter named 'layers'" },
        { """{"name": "x", "parameters": [{"name": "a", "type": "boolean", "when": {"parameter": "b", "one_of": [true]}}, {"name": "b", "type": "boolean"}]}""", "$.parameters[0].when.parameter", "declared before 'a'" },
        { """{"name": "x", "parameters": [{"name": "a", "type": "boolean"}, {"name": "b", "type": "boolean", "when": {"parameter": "a"}}]}""", "$.parameters[1].when", "exactly one of" },
        { """{"name": "x", "parameters": [{"name": "a", "type": "boolean"}, {"name": "b", "type": "boolean"}, {"name": "a", "type": "int", "min": 1, "max": 2}]}""", "$.parameters[2].name", "duplicate parameter name 'a' (first declared at $.parameters[0])" },
        { """{"name": "x", "parameters": [{"name": "a", "type": "int", "min": 1, "max": 2, "stpe": 1}]}""", "$.parameters[0].stpe", "unknown property" },
        { """{"name": "x", "parameters": [{"name": "a", "type": "float", "min": 0, "max": 1, "log": true}]}""", "$.parameters[0].min", "above 0" },
        { """{"name": "x", "parameters": [{"name": "a", "type": "int", "min": 1.5, "max": 2}]}""", "$.parameters[0].min", "whole number" },
        { """{"name": "x", "parameters": [{"name": "a", "type": "fixed"}]}""", "$.parameters[0].value", "missing" },
        { """{"name": "x", "parameters": []}""", "$.parameters", "empty" },
        { """{"parameters": [{"name": "a", "type": "boolean"}]}""", "$.name", "missing" },
        { """{"name": "x", "schedule": {"kind": "bohb", "max_epochs": 9, "factor": 3}, "parameters": [{"name": "a", "type": "boolean"}]}""", "$.schedule.kind", "unknown schedule 'bohb'" },
        { """{"name": "x", "schedule": {"kind": "hyperband", "max_epochs": 9, "factor": 1}, "parameters": [{"name": "a", "type": "boolean"}]}""", "$.schedule.factor", "from 2" },
        { """{"name": "x", "objective": {"metric": "loss", "direction": "minimize"}, "parameters": [{"name": "a", "type": "boolean"}]}""", "$.objective.metric", "val_accuracy" },
        { """{"name": "x", "parameters": [{"name": "a", "type": "boolean"}""", "$", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void An_invalid_study_file_is_refused_with_the_path_of_the_fault(string json, string path, string problem)
    {
        var error = Assert.Throws<StudyFileException>(() => StudyFile.Parse(json));

        Assert.Equal(path, error.JsonPath);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
    }
}
