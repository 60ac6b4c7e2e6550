using System.Text.Json;
using Tuner.Coordinator.Reporting;

namespace Tuner.Coordinator.Tests.Reporting;

public sealed class ResultsJsonTests
{
    [Fact]
    public void Results_json_holds_the_csv_rows_as_flat_objects()
    {
        var rows = ResultRow.From(SyntheticStudy.Create());

        using var json = JsonDocument.Parse(ResultsJson.WriteRows(rows));

        var objects = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(rows.Count, objects.Count);
        var first = objects[0];
        Assert.Equal("mnist-small", first.GetProperty("study").GetString());
        Assert.Equal(1, first.GetProperty("trial").GetInt32());
        Assert.Equal("completed", first.GetProperty("status").GetString());
        Assert.True(first.GetProperty("promoted").GetBoolean());
        Assert.Equal(rows[0].ValidationAccuracy, first.GetProperty("val_accuracy").GetDouble());
        Assert.Equal(0.001, first.GetProperty("learning_rate").GetDouble());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("num_units_2").ValueKind);
        Assert.Equal(JsonValueKind.True, first.GetProperty("batch_norm").ValueKind);
        Assert.Equal("adam, \"fast\"", objects.First(o => o.GetProperty("trial").GetInt32() == 3).GetProperty("optimizer").GetString());
        Assert.All(objects, o => Assert.Equal(ResultRow.FixedColumns.Count + 8, o.EnumerateObject().Count()));
    }

    [Fact]
    public void A_non_finite_metric_is_null_in_results_json()
    {
        var row = ResultRow.From(SyntheticStudy.Create())[0] with { ValidationLoss = double.PositiveInfinity };

        using var json = JsonDocument.Parse(ResultsJson.WriteRows([row]));

        Assert.Equal(JsonValueKind.Null, json.RootElement[0].GetProperty("val_loss").ValueKind);
    }

    [Fact]
    public void Trials_json_reads_back_as_the_same_trials()
    {
        var trials = SyntheticStudy.Create().Trials;

        var read = ResultsJson.ReadTrials(ResultsJson.WriteTrials(trials));

        Assert.Equal(trials.Count, read.Count);
        foreach (var (expected, actual) in trials.Zip(read))
        {
            Assert.Equal(expected with { Runs = [] }, actual with { Runs = [] });
            Assert.Equal(expected.Runs.Count, actual.Runs.Count);
            foreach (var (expectedRun, actualRun) in expected.Runs.Zip(actual.Runs))
            {
                Assert.Equal(expectedRun with { Epochs = [] }, actualRun with { Epochs = [] });
                Assert.Equal(expectedRun.Epochs, actualRun.Epochs);
            }
        }
    }

    [Fact]
    public void Trials_json_uses_snake_case_names_and_words_for_statuses()
    {
        var text = System.Text.Encoding.UTF8.GetString(ResultsJson.WriteTrials(SyntheticStudy.Create().Trials));

        Assert.Contains("\"trial_id\": 6", text, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"failed\"", text, StringComparison.Ordinal);
        Assert.Contains("\"validation_accuracy\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("best_validation_accuracy", text, StringComparison.Ordinal);
    }
}
