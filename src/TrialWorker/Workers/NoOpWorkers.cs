namespace Tuner.TrialWorker.Workers;

/// <summary>
/// For `tuner bench coordinator`: how many workers that train nothing one process runs, and how long each of their
/// runs pretends to train (zero answers at once, which asks the most of the coordinator). Such a process also writes
/// its <see cref="JitActivity"/> to its output whenever it changed, checked every <see cref="JitReportEvery"/>.
/// </summary>
public sealed record NoOpWorkers(int Count, TimeSpan TrialTime)
{
    public static readonly TimeSpan JitReportEvery = TimeSpan.FromMilliseconds(100);
}
