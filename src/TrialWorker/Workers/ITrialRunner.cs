using Tuner.Shared.Protocol;
using Tuner.Shared.Trials;

namespace Tuner.TrialWorker.Workers;

/// <summary>
/// Trains one trial attempt to its end. Called on a dedicated thread, never on an actor's: training takes minutes and
/// would starve the cluster's heartbeats. Failures the study should see (divergence, bad hyperparameters) come back
/// as a <see cref="TrialRun"/> with a reason, not as exceptions.
/// </summary>
public interface ITrialRunner
{
    TrialRun Run(TrialAssignment assignment, byte[]? checkpoint, Action<EpochMetrics> onEpoch, CancellationToken cancellation);
}
