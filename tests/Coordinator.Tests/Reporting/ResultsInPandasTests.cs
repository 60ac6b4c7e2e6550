using System.Diagnostics;
using Tuner.Coordinator.Reporting;

namespace Tuner.Coordinator.Tests.Reporting;

/// <summary>
/// Reads the exports with pandas as a person would, with no options (Debian's python3-pandas; the test skips, saying
/// so, where it is not installed).
/// </summary>
public sealed class ResultsInPandasTests : IDisposable
{
    private const string Script = """
        import json, sys
        import pandas as pd
        csv = pd.read_csv(sys.argv[1])
        js = pd.read_json(sys.argv[2])
        print(json.dumps({
            "shape": list(csv.shape),
            "columns": list(csv.columns) == list(js.columns),
            "val_accuracy": str(csv["val_accuracy"].dtype),
            "learning_rate": str(csv["learning_rate"].dtype),
            "promoted": str(csv["promoted"].dtype),
            "optimizer_3": csv.loc[csv["trial"] == 3, "optimizer"].iloc[0],
            "optimizer_4": csv.loc[csv["trial"] == 4, "optimizer"].iloc[0],
            "inactive": int(csv["num_units_3"].isna().sum()),
            "same_values": bool((csv["val_accuracy"] - js["val_accuracy"]).abs().max() < 1e-12),
        }))
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("tuner-pandas-").FullName;

    [Fact]
    public void Pandas_reads_results_csv_and_json_as_they_are()
    {
        // A python on PATH (pyenv, venv) may lack the pandas that Debian installed for /usr/bin/python3.
        var python = new[] { "python3", "/usr/bin/python3" }.FirstOrDefault(p => Run(p, "-c", "import pandas") is { ExitCode: 0 });
        Assert.SkipWhen(python is null, "python3 with pandas is missing: apt-get install -y python3-pandas to check the exports in pandas");
        var files = StudyReportWriter.Write(_directory, SyntheticStudy.Create());

        var result = Run(python, "-c", Script, files.ResultsCsv, files.ResultsJson)!.Value;

        Assert.True(result.ExitCode == 0, result.Errors);
        using var read = System.Text.Json.JsonDocument.Parse(result.Output);
        var root = read.RootElement;
        Assert.Equal([8, ResultRow.FixedColumns.Count + 8], root.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.True(root.GetProperty("columns").GetBoolean());
        Assert.Equal("float64", root.GetProperty("val_accuracy").GetString());
        Assert.Equal("float64", root.GetProperty("learning_rate").GetString());
        Assert.Equal("bool", root.GetProperty("promoted").GetString());
        Assert.Equal("adam, \"fast\"", root.GetProperty("optimizer_3").GetString());
        Assert.Equal("line\nbreak", root.GetProperty("optimizer_4").GetString());
        Assert.Equal(7, root.GetProperty("inactive").GetInt32());
        Assert.True(root.GetProperty("same_values").GetBoolean());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static (int ExitCode, string Output, string Errors)? Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            return (process.ExitCode, output.Result, errors.Result);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
