using System.Text;
using Tuner.Shared.Hyperparameters;
using Tuner.Shared.Protocol;
using Tuner.Shared.Trials;
using Tuner.TrialWorker.Workers;

namespace Tuner.Coordinator.Tests.Coordination;

/// <summary>
/// A stand-in trainer: the validation accuracy is a fixed function of the hyperparameters and the epoch, and the
/// checkpoint records the trial and epoch reached, so a run that resumes from the wrong checkpoint fails.
/// </summary>
internal sealed class ScoringRunner(TimeSpan epochTime, int hangOnRun = 0) : ITrialRunner
{
    private int _runs;

    public int Runs => _runs;

    /// <summary>Set when run number <c>hangOnRun</c> has started and hangs until cancelled, as a stuck trial would.</summary>
    public ManualResetEventSlim Hanging { get; } = new();

    public static double Score(HyperparameterSet hyperparameters, int epoch)
    {
        var hash = (uint)StableHash(hyperparameters.ToString());
        return Math.Round(0.5 + (hash % 1000) / 4000.0 + epoch / 100.0, 6);
    }

    public static byte[] CheckpointOf(int trialId, int epoch) => Encoding.UTF8.GetBytes($"{trialId}@{epoch}");

    public TrialRun Run(TrialAssignment assignment, byte[]? checkpoint, Action<EpochMetrics> onEpoch, CancellationToken cancellation)
    {
        if (Interlocked.Increment(ref _runs) == hangOnRun)
        {
            Hanging.Set();
            cancellation.WaitHandle.WaitOne();
            cancellation.ThrowIfCancellationRequested();
        }
        var expected = assignment.FromEpoch == 0 ? null : CheckpointOf(assignment.TrialId, assignment.FromEpoch);
        if (!(expected is null ? checkpoint is null : checkpoint is not null && expected.SequenceEqual(checkpoint)))
        {
            return TrialRun.Failed($"resumed from the wrong checkpoint for epoch {assignment.FromEpoch}");
        }
        var epochs = new List<EpochMetrics>();
        for (var epoch = assignment.FromEpoch + 1; epoch <= assignment.ToEpoch; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            Thread.Sleep(epochTime);
            var score = Score(assignment.Hyperparameters, epoch);
            var metrics = new EpochMetrics(epoch, 1 - score, score, 1 - score, score, epochTime);
            epochs.Add(metrics);
            onEpoch(metrics);
        }
        return new TrialRun(new TrialOutcome([.. epochs], null, epochTime * epochs.Count), CheckpointOf(assignment.TrialId, assignment.ToEpoch));
    }

    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }
            return hash;
        }
    }
}
