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
}
