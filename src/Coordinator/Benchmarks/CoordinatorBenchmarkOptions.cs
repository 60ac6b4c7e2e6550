using Tuner.Coordinator.Scheduling;
using Tuner.Coordinator.SearchSpaces;

namespace Tuner.Coordinator.Benchmarks;

/// <summary>
/// A coordinator benchmark: <see cref="Processes"/> worker processes of <see cref="WorkersPerProcess"/> no-op workers
/// each, over a study of the built-in <see cref="Study"/>'s space with this schedule. The warm-up, reported apart,
/// lasts until both the results of the first <see cref="WarmupIterations"/> iterations (as many as they plan) have
/// arrived and <see cref="WarmupTime"/> has passed since the start; the measured stretch after it ends with the study,
/// or after <see cref="MeasureTime"/> when one is given, which stops the study there. Each run takes
/// <see cref="TrialTime"/> on its worker, as training would: zero answers at once, which finds the coordinator's most;
/// a trial time offers a known load (<see cref="OfferedLoad"/>), at which latency means more than at saturation.
/// </summary>
public sealed record CoordinatorBenchmarkOptions(int Processes, int WorkersPerProcess, ScheduleOptions Schedule, long Seed, int WarmupIterations = 0, TimeSpan TrialTime = default)
{
    /// <summary>The seed's second space: unlike the first, it does not run out of new configurations in any run this benchmark makes.</summary>
    public const string DefaultStudy = "seed-mlp-regularized";

    public string Study { get; init; } = DefaultStudy;

    public TimeSpan WarmupTime { get; init; }

    public TimeSpan? MeasureTime { get; init; }

    /// <summary>Results per second the workers would send if every result were answered at once; null without a trial time.</summary>
    public double? OfferedLoad => TrialTime > TimeSpan.Zero ? Processes * WorkersPerProcess / TrialTime.TotalSeconds : null;

    /// <summary>How many results, counted from the first, are the warm-up at least.</summary>
    public int WarmupResults => WarmupIterations == 0 ? 0 : SchedulePlanner.Plan(Schedule with { Iterations = WarmupIterations }).Runs;

    /// <summary>What is wrong with these options, each naming the flag and the fix; empty when they are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>(Schedule.Problems());
        if (BuiltInStudies.Find(Study) is null)
        {
            problems.Add($"--study must name a built-in study ({string.Join(", ", BuiltInStudies.All.Select(s => s.Name))}), got '{Study}'");
        }
        if (WarmupIterations >= Schedule.Iterations)
        {
            problems.Add($"--warmup-iterations must be less than --iterations ({Schedule.Iterations}), got {WarmupIterations}: the iterations after the warm-up are the ones measured");
        }
        if (WarmupTime < TimeSpan.Zero)
        {
            problems.Add($"--warmup-time must not be negative, got {WarmupTime.TotalSeconds} s: give 0 to end the warm-up by --warmup-iterations alone");
        }
        if (MeasureTime is { } measure && measure <= TimeSpan.Zero)
        {
            problems.Add($"--measure-time must be positive, got {measure.TotalSeconds} s: it is how long the steady state is measured before the study is stopped");
        }
        if (TrialTime < TimeSpan.Zero)
        {
            problems.Add($"--trial-time must not be negative, got {TrialTime.TotalMilliseconds} ms: give 0 for workers that answer at once");
        }
        return problems;
    }
}
