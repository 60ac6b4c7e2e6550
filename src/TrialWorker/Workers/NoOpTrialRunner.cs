using Tuner.Shared.Protocol;
using Tuner.Shared.Trials;

namespace Tuner.TrialWorker.Workers;

/// <summary>
/// Trains nothing: answers every attempt, after <paramref name="trialTime"/> (zero: at once), with a score made from the
/// trial's seed, and a small checkpoint, so that a benchmark measures the coordinator and the protocol alone
/// (`tuner bench coordinator`).
/// </summary>
public sealed class NoOpTrialRunner(TimeSpan trialTime) : ITrialRunner
{
    private static readonly byte[] Checkpoint = [.. Enumerable.Range(0, 256).Select(i => (byte)i)];

    public TrialRun Run(TrialAssignment assignment, byte[]? checkpoint, Action<EpochMetrics> onEpoch, CancellationToken cancellation)
    {
        if (trialTime > TimeSpan.Zero && cancellation.WaitHandle.WaitOne(trialTime))
        {
            return TrialRun.Failed("cancelled");
        }
        // Scores differ between trials and grow with epochs, so rungs rank and promote as they would with training.
        var talent = (unchecked((ulong)assignment.Seed * 0x9E3779B97F4A7C15UL) >> 11) / (double)(1UL << 53);
        var epochs = Enumerable.Range(assignment.FromEpoch + 1, assignment.ToEpoch - assignment.FromEpoch)
            .Select(epoch =>
            {
                var score = talent * epoch / (epoch + 1.0);
                return new EpochMetrics(epoch, 1 - score, score, 1 - score, score, TimeSpan.Zero);
            });
        return new TrialRun(new TrialOutcome([.. epochs], null, TimeSpan.Zero), Checkpoint);
    }
}
