using Tuner.Coordinator.Commands;

namespace Tuner.Coordinator.Tests.Commands;

public class CommandLineTests
{
    [Fact]
    public void An_unknown_verb_is_refused()
    {
        var result = TunerCommandLine.Build().Parse(["no-such-verb"]);
        Assert.NotEmpty(result.Errors);
    }

    [Theory]
    [InlineData("trial --epochs 0", "--epochs must be at least 1, got 0")]
    [InlineData("trial --threads -2", "--threads must be at least 1, got -2")]
    [InlineData("bench --images 0", "--images must be at least 1, got 0")]
    [InlineData("bench coordinator --processes 0", "--processes must be at least 1, got 0")]
    [InlineData("bench coordinator --warmup-iterations -1", "--warmup-iterations must be at least 0, got -1")]
    [InlineData("tune --max-attempts 0", "--max-attempts must be at least 1, got 0")]
    [InlineData("plan --schedule keras --max-epochs 9 --factor 1", "--factor must be at least 2 (each rung keeps 1/factor of the one before), got 1")]
    public void Every_verb_refuses_a_count_below_its_minimum_in_the_same_words(string commandLine, string message)
    {
        var result = TunerCommandLine.Build().Parse(commandLine.Split(' '));

        Assert.Contains(message, result.Errors.Select(e => e.Message));
    }
}
