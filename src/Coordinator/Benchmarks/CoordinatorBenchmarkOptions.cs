using Tuner.Coordinator.Scheduling;

namespace Tuner.Coordinator.Benchmarks;

/// <summary>
/// A coordinator benchmark: <see cref="Processes"/> worker processes of <see cref="WorkersPerProcess"/> no-op workers
/// each, over a study of the built-in seed-mlp space with this schedule. The results of the first
/// <see cref="WarmupIterations"/> iterations (as many as they plan) are the warm-up, reported apart. Each run takes
/// <see cref="TrialTime"/> on its worker, as training would: zero answers at once, which finds the coordinator's most;
/// a trial time offers a known load (<see cref="OfferedLoad"/>), at which latency means more than at saturation.
/// </summary>
public sealed record CoordinatorBenchmarkOptions(int Processes, int WorkersPerProcess, ScheduleOptions Schedule, long Seed, int WarmupIterations = 0, TimeSpan TrialTime = default)
{
    /// <summary>Results per second the workers would send if every result were answered at once; null without a trial time.</summary>
    public double? OfferedLoad => TrialTime > TimeSpan.Zero ? Processes * WorkersPerProcess / TrialTime.TotalSeconds : null;

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
        if (TrialTime < TimeSpan.Zero)
        {
            problems.Add($"--trial-time must not be negative, got {TrialTime.TotalMilliseconds} ms: give 0 for workers that answer at once");
        }
        return problems;
    }
}
