using Tuner.Shared.Hyperparameters;
using Tuner.Shared.Protocol;
using Tuner.Shared.Trials;
using Tuner.TrialWorker.Training;

namespace Tuner.TrialWorker.Workers;

/// <summary>
/// Runs trial attempts with the TorchSharp trainer on data prepared once per process and shared by every slot.
/// </summary>
public sealed class TorchTrialRunner(Lazy<PreparedDataset> data, TrainerOptions options) : ITrialRunner
{
    public TrialRun Run(TrialAssignment assignment, byte[]? checkpoint, Action<EpochMetrics> onEpoch, CancellationToken cancellation)
    {
        var dataset = data.Value;
        try
        {
            using var session = checkpoint is null
                ? TrialSession.Start(assignment.Hyperparameters, dataset.Shape, assignment.Seed)
                : TrialSession.Resume(assignment.Hyperparameters, dataset.Shape, checkpoint);
            if (session.CompletedEpochs != assignment.FromEpoch)
            {
                return TrialRun.Failed($"the checkpoint is at epoch {session.CompletedEpochs}, but the run starts at epoch {assignment.FromEpoch}");
            }
            var outcome = new Trainer(options).Train(session, dataset, assignment.ToEpoch, new EpochCallback(onEpoch), cancellation);
            return new TrialRun(outcome, outcome.Succeeded ? session.Checkpoint() : null);
        }
        catch (InvalidHyperparametersException e)
        {
            return TrialRun.Failed(e.Message);
        }
        catch (CheckpointFormatException e)
        {
            return TrialRun.Failed($"unusable checkpoint: {e.Message}");
        }
        finally
        {
            TrialMemory.CollectBetweenTrials();
        }
    }

    /// <summary>Reports on the training thread itself; the callback only posts a message.</summary>
    private sealed class EpochCallback(Action<EpochMetrics> report) : IProgress<EpochMetrics>
    {
        public void Report(EpochMetrics value) => report(value);
    }
}
