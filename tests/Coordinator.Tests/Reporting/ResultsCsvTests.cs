using Tuner.Coordinator.Reporting;
using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.Tests.Reporting;

public sealed class ResultsCsvTests
{
    [Fact]
    public void Rows_written_then_read_are_the_same_rows()
    {
        var rows = ResultRow.From(SyntheticStudy.Create());

        var read = ResultsCsv.Read(ResultsCsv.Write(rows));

        Assert.Equal(rows, read);
    }

    [Fact]
    public void There_is_one_row_per_trial_and_rung_run_with_the_last_epochs_metrics()
    {
        var rows = ResultRow.From(SyntheticStudy.Create());

        Assert.Equal([(1, 0), (1, 1), (2, 0), (3, 0), (3, 1), (4, 0), (5, 0), (6, 0)], rows.Select(r => (r.TrialId, r.Rung)));
        var promoted = rows.Single(r => r is { TrialId: 3, Rung: 0 });
        Assert.True(promoted.Promoted);
        Assert.Equal((0, 2, "worker-a"), (promoted.FromEpoch, promoted.ToEpoch, promoted.WorkerId));
        Assert.Equal(0.85 + 2 * 0.02 + 0.003, promoted.ValidationAccuracy!.Value, 12);
        Assert.Equal(2.5 + 0.125 + 2.5 + 0.25, promoted.Seconds, 12);
        Assert.Equal(TrialEnd.Failed, rows.Single(r => r.TrialId == 6).Status);
    }

    [Fact]
    public void Header_has_the_fixed_columns_then_every_hyperparameter_and_inactive_ones_are_empty()
    {
        var text = ResultsCsv.Write(ResultRow.From(SyntheticStudy.Create()));
        var lines = text.Split("\r\n");

        Assert.Equal(
            "study,trial,bracket,rung,from_epoch,to_epoch,worker,status,val_accuracy,val_loss,accuracy,loss,seconds,promoted,"
            + "batch_norm,learning_rate,num_layers,num_units_0,num_units_1,num_units_2,num_units_3,optimizer",
            lines[0]);
        var trialOne = lines.First(line => line.StartsWith("mnist-small,1,1,0,", StringComparison.Ordinal));
        Assert.EndsWith(",true,0.001,2,15,30,,,adam", trialOne, StringComparison.Ordinal);
        Assert.Contains("\"adam, \"\"fast\"\"\"", text, StringComparison.Ordinal);
        Assert.Contains("\"line\nbreak\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Whole_reals_keep_their_kind_and_every_number_is_invariant()
    {
        var rows = ResultRow.From(SyntheticStudy.Create());
        var text = ResultsCsv.Write(rows);

        Assert.Contains(",1.0,4,", text, StringComparison.Ordinal);
        Assert.Equal(new HyperparameterValue.RealNumber(1.0), ResultsCsv.Read(text).Single(r => r.TrialId == 4).Hyperparameters.Values["learning_rate"]);
    }

    [Fact]
    public void A_missing_metric_is_an_empty_cell_and_reads_back_missing()
    {
        var row = ResultRow.From(SyntheticStudy.Create())[0] with { ValidationAccuracy = null, Loss = double.NaN };

        var read = ResultsCsv.Read(ResultsCsv.Write([row])).Single();

        Assert.Null(read.ValidationAccuracy);
        Assert.True(double.IsNaN(read.Loss!.Value));
    }

    [Theory]
    [InlineData("trial,study\r\n", "header must start with study,trial")]
    [InlineData("", "empty")]
    public void A_file_that_is_not_results_is_refused_with_what_to_do(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => ResultsCsv.Read(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_with_too_many_fields_names_its_line()
    {
        var text = ResultsCsv.Write(ResultRow.From(SyntheticStudy.Create()));
        var broken = text.Replace("worker-b,completed", "worker,b,completed", StringComparison.Ordinal);

        var error = Assert.Throws<FormatException>(() => ResultsCsv.Read(broken));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_quote_is_refused()
    {
        var text = ResultsCsv.Write(ResultRow.From(SyntheticStudy.Create()));

        var error = Assert.Throws<FormatException>(() => ResultsCsv.Read(text + "\"mnist"));

        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
    }
}
