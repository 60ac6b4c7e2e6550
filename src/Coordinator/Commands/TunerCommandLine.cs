using System.CommandLine;

namespace Tuner.Coordinator.Commands;

/// <summary>The `tuner` program's verbs; each lives in a file of its own and is added here.</summary>
public static class TunerCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Distributed Hyperband tuning of TorchSharp models over an Akka.NET cluster.");
        foreach (var command in Verbs())
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    private static IEnumerable<Command> Verbs()
    {
        yield return PlanCommand.Create();
        yield return StudyCommand.Create();
        yield return DescribeCommand.Create();
        yield return TuneCommand.Create();
        yield return PredictCommand.Create();
        yield return StatusCommand.Create();
        yield return TrialCommand.Create();
        yield return BenchCommand.Create();
    }
}
