using Tuner.Coordinator.Scheduling;

namespace Tuner.Coordinator.Benchmarks;

/// <summary>
/// A coordinator benchmark: <see cref="Processes"/> worker processes of <see cref="WorkersPerProcess"/> no-op workers
/// each, over a study of the built-in seed-mlp space with this schedule. The results of the first
/// <see cref="WarmupIterations"/> iterations (as many as they plan) are the warm-up, reported apart.
/// </summary>
public sealed record CoordinatorBenchmarkOptions(int Processes, int WorkersPerProcess, ScheduleOptions Schedule, long Seed, int WarmupIterations = 0)
{
    /// <summary>How many results, counted from the first, are the warm-up.</summary>
    public int WarmupResults => WarmupIterations == 0 ? 0 : SchedulePlanner.Plan(Schedule with { Iterations = WarmupIterations }).Runs;

    /// <summary>What is wrong with these options, each naming the flag and the fix; empty when they are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>(Schedule.Problems());
        if (WarmupIterations >= Schedule.Iterations)
        {
            problems.Add($"--warmup-iterations must be less than --iterations ({Schedule.Iterations}), got {WarmupIterations}: the iterations after the warm-up are the ones measured");
        }
        return problems;
    }
}
