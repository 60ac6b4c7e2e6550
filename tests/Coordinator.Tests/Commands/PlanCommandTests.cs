using System.CommandLine;
using System.Text.Json;
using Tuner.Coordinator.Commands;
using Tuner.Coordinator.SearchSpaces;

namespace Tuner.Coordinator.Tests.Commands;

public class PlanCommandTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = TunerCommandLine.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void Plan_prints_the_issues_json_shape()
    {
        var (exitCode, output, _) = Run("plan", "--schedule", "keras", "--max-epochs", "10", "--factor", "2", "--json");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(["schedule", "brackets", "configurations", "runs", "epochs"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("keras", root.GetProperty("schedule").GetString());
        Assert.Equal((27, 46, 170), (root.GetProperty("configurations").GetInt32(), root.GetProperty("runs").GetInt32(), root.GetProperty("epochs").GetInt32()));
        var first = root.GetProperty("brackets")[0];
        Assert.Equal(3, first.GetProperty("bracket").GetInt32());
        Assert.Equal(
            [(10, 2), (5, 3), (3, 5), (2, 10)],
            first.GetProperty("rungs").EnumerateArray().Select(r => (r.GetProperty("configurations").GetInt32(), r.GetProperty("epochs").GetInt32())));
    }

    [Fact]
    public void Plan_prints_a_table_with_totals()
    {
        var (exitCode, output, _) = Run("plan", "--schedule", "hyperband", "--max-epochs", "81", "--factor", "3");

        Assert.Equal(0, exitCode);
        Assert.Contains("34 x 3", output, StringComparison.Ordinal);
        Assert.Contains("total: 143 configurations, 206 runs, 1581 epochs", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--factor", "1", "--factor must be at least 2")]
    [InlineData("--max-epochs", "0", "--max-epochs must be at least 1")]
    [InlineData("--iterations", "0", "--iterations must be at least 1")]
    [InlineData("--schedule", "bohb", "bohb")]
    public void Bad_flags_are_refused_with_a_clear_message(string flag, string value, string message)
    {
        var args = new Dictionary<string, string> { ["--schedule"] = "hyperband", ["--max-epochs"] = "9", ["--factor"] = "3", [flag] = value };

        var (exitCode, _, error) = Run(["plan", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    private static JsonElement SeedSearchSimulation(params string[] flags)
    {
        var (exitCode, output, error) = Run(["plan", "--schedule", "keras", "--max-epochs", "10", "--factor", "2", "--simulate", "--json", .. flags]);

        Assert.True(exitCode == 0, error);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("simulation").Clone();
    }

    [Fact]
    public void Simulate_runs_the_seeds_search_through_the_engine()
    {
        var simulation = SeedSearchSimulation("--seed", "1");

        Assert.Equal((27, 46, 170), (simulation.GetProperty("trials").GetInt32(), simulation.GetProperty("runs").GetInt32(), simulation.GetProperty("epochs").GetInt32()));
        Assert.InRange(simulation.GetProperty("best").GetProperty("val_accuracy").GetDouble(), 0.9, 1.0);
        Assert.Equal(170, simulation.GetProperty("makespan_epochs").GetDouble());
    }

    [Fact]
    public void Simulate_with_two_workers_prints_the_makespan_against_the_ideal()
    {
        var simulation = SeedSearchSimulation("--workers", "2");

        Assert.Equal(2, simulation.GetProperty("workers").GetInt32());
        Assert.Equal(85, simulation.GetProperty("ideal_makespan_epochs").GetDouble());
        // The ideal is a lower bound, and two workers must beat one (170 epochs).
        Assert.InRange(simulation.GetProperty("makespan_epochs").GetDouble(), 85, 169);
    }

    [Fact]
    public void Study_show_prints_a_file_that_loads_back()
    {
        var (exitCode, output, _) = Run("study", "show", "seed-mlp-regularized");

        Assert.Equal(0, exitCode);
        Assert.Equal(BuiltInStudies.Find("seed-mlp-regularized"), StudyFile.Parse(output));
    }

    [Fact]
    public void Study_check_names_the_fault()
    {
        var path = Path.Combine(Path.GetTempPath(), $"study-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"name": "x", "parameters": [{"name": "a", "type": "int", "min": 3, "max": 1}]}""");
        try
        {
            var (exitCode, _, error) = Run("study", "check", path);

            Assert.Equal(1, exitCode);
            Assert.Contains("$.parameters[0].max", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_unknown_study_is_refused()
    {
        var (exitCode, _, error) = Run("study", "show", "resnet");

        Assert.Equal(1, exitCode);
        Assert.Contains("seed-mlp", error, StringComparison.Ordinal);
    }
}
