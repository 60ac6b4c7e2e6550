using System.CommandLine;
using Tuner.Coordinator.Commands;

namespace Tuner.Coordinator.Tests.Commands;

public class BenchCommandTests
{
    [Fact]
    public void The_bench_prints_a_row_per_model_and_batch_size()
    {
        var (exitCode, output) = Run("--images", "256", "--epochs", "2", "--batch-sizes", "32", "64");

        Assert.Equal(0, exitCode);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith('#')).Select(line => line.Split('\t')).ToList();
        Assert.Equal(
            [("784-120-15-75-10", "32"), ("784-120-15-75-10", "64"), ("784-120-105-120-10", "32"), ("784-120-105-120-10", "64")],
            rows.Select(row => (row[1], row[2])));
        Assert.All(rows, row => Assert.True(double.Parse(row[3], System.Globalization.CultureInfo.InvariantCulture) > 0));
    }

    [Fact]
    public void The_trials_mode_prints_peak_memory_every_ten_trials()
    {
        var (exitCode, output) = Run("--images", "128", "--trials", "12");

        Assert.Equal(0, exitCode);
        Assert.Contains("after  10 trials: peak RSS ", output, StringComparison.Ordinal);
        Assert.Contains("after  12 trials: peak RSS ", output, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) Run(params string[] arguments)
    {
        using var output = new StringWriter();
        var exitCode = TunerCommandLine.Build().Parse(["bench", .. arguments]).Invoke(new InvocationConfiguration { Output = output });
        return (exitCode, output.ToString());
    }
}
