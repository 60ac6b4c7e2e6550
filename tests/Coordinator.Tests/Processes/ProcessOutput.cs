using Tuner.Coordinator.Processes;

namespace Tuner.Coordinator.Tests.Processes;

/// <summary>Copies a child process's lines into a test's output, so a failing run shows what the programs said.</summary>
internal static class ProcessOutput
{
    public static Action<OutputLine> EchoTo(ITestOutputHelper output, string name) => line =>
    {
        try
        {
            output.WriteLine($"[{name}] {line}");
        }
        catch (InvalidOperationException)
        {
            // A line read after the test ended has nowhere to go.
        }
    };
}
