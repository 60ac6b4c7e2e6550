using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Tuner.Shared.Trials;
using Tuner.TrialWorker.Models;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Tuner.TrialWorker.Training;

/// <summary>
/// Trains and evaluates trial sessions. Each epoch draws one permutation from the trial's generator and gathers each
/// batch's rows by it (measured faster than copying the whole shuffled split each epoch: that 188 MB write cost about
/// 0.1 s per MNIST epoch in page faults alone), and sums losses and correct counts in tensors read once per epoch, so a
/// step costs the gather, forward, backward and update calls and nothing more. Dense networks skip autograd
/// (<see cref="DenseBackpropagation"/>); convolutional ones use it. Run it on a thread of its own: Torch's dispose scopes belong to a thread.
/// </summary>
public sealed class Trainer(TrainerOptions options)
{
    // A diverging run is noticed within this many steps instead of wasting the rest of its epoch.
    private const int DivergenceCheckInterval = 200;

    public Trainer()
        : this(TrainerOptions.Default)
    {
    }

    /// <summary>
    /// Trains <paramref name="session"/> from its completed epochs up to <paramref name="epochs"/>, reporting each
    /// epoch as it ends. A loss that turns NaN or infinite ends the run as a failed outcome; the session is then unusable.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled between steps; resume from the last checkpoint.</exception>
    public TrialOutcome Train(TrialSession session, PreparedDataset data, int epochs, IProgress<EpochMetrics>? progress = null, CancellationToken cancellation = default)
    {
        PrepareThread();
        var started = Stopwatch.StartNew();
        var completed = ImmutableArray.CreateBuilder<EpochMetrics>();
        while (session.CompletedEpochs < epochs)
        {
            var epoch = session.CompletedEpochs + 1;
            var epochStarted = Stopwatch.StartNew();
            var (trainLoss, trainAccuracy) = TrainEpoch(session, data.Train, cancellation);
            if (!double.IsFinite(trainLoss))
            {
                return new TrialOutcome(completed.ToImmutable(), Diverged(epoch, "training", trainLoss, session), started.Elapsed);
            }
            var validation = Evaluate(session, data.Validation);
            if (!double.IsFinite(validation.Loss))
            {
                return new TrialOutcome(completed.ToImmutable(), Diverged(epoch, "validation", validation.Loss, session), started.Elapsed);
            }
            session.CompletedEpochs = epoch;
            var metrics = new EpochMetrics(epoch, trainLoss, trainAccuracy, validation.Loss, validation.Accuracy, epochStarted.Elapsed);
            completed.Add(metrics);
            progress?.Report(metrics);
        }
        return new TrialOutcome(completed.ToImmutable(), null, started.Elapsed);
    }

    /// <summary>Loss and accuracy of the session's network on one split, in evaluation mode (no dropout).</summary>
    public Evaluation Evaluate(TrialSession session, PreparedDataset data, DataSplit split)
    {
        PrepareThread();
        return Evaluate(session, data[split]);
    }

    private Evaluation Evaluate(TrialSession session, LabelledTensors split)
    {
        var network = session.Network;
        network.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var lossSum = zeros(1, ScalarType.Float64);
        var correct = zeros(1, ScalarType.Int64);
        for (var start = 0; start < split.Count; start += options.EvaluationBatchSize)
        {
            using var step = NewDisposeScope();
            var length = Math.Min(options.EvaluationBatchSize, split.Count - start);
            var labels = split.Labels.narrow(0, start, length);
            var logits = network.forward(split.Features.narrow(0, start, length));
            lossSum.add_(cross_entropy(logits, labels, reduction: nn.Reduction.Sum));
            correct.add_(logits.argmax(1).eq(labels).sum());
        }
        var penalty = network.RegularizationLoss();
        var loss = (lossSum.item<double>() / split.Count) + (penalty?.item<float>() ?? 0);
        return new Evaluation(loss, (double)correct.item<long>() / split.Count, split.Count);
    }

    private static (double Loss, double Accuracy) TrainEpoch(TrialSession session, LabelledTensors train, CancellationToken cancellation)
    {
        var network = session.Network;
        var batchSize = session.BatchSize;
        network.train();
        using var scope = NewDisposeScope();
        var order = randperm(train.Count, generator: session.Generator);
        var lossSum = zeros(1, ScalarType.Float64);
        var correct = zeros(1, ScalarType.Int64);
        var steps = 0;
        using var dense = network.IsDense ? new DenseBackpropagation(network) : null;
        for (var start = 0; start < train.Count; start += batchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            using var step = NewDisposeScope();
            var length = Math.Min(batchSize, train.Count - start);
            var batch = order.narrow(0, start, length);
            var batchLabels = train.Labels.index_select(0, batch);
            var batchFeatures = train.Features.index_select(0, batch);
            var (loss, logits) = dense?.Step(batchFeatures, batchLabels) ?? AutogradStep(network, batchFeatures, batchLabels);
            using (no_grad())
            {
                session.Optimizer.Step(network.ParameterBuffer, network.GradientBuffer);
                lossSum.add_(loss, length);
                correct.add_(logits.argmax(1).eq(batchLabels).sum());
            }
            if (++steps % DivergenceCheckInterval == 0 && !double.IsFinite(lossSum.item<double>()))
            {
                return (double.NaN, double.NaN);
            }
        }
        return (lossSum.item<double>() / train.Count, (double)correct.item<long>() / train.Count);
    }

    // Convolutional networks: gradients by autograd, accumulated into the zeroed gradient vector.
    private static (Tensor Loss, Tensor Logits) AutogradStep(TrialNetwork network, Tensor features, Tensor labels)
    {
        network.GradientBuffer.zero_();
        var logits = network.forward(features);
        var loss = cross_entropy(logits, labels);
        if (network.RegularizationLoss() is { } penalty)
        {
            loss = loss.add(penalty);
        }
        loss.backward();
        return (loss, logits);
    }

    // Flushing is per thread, and a trial may move between threads.
    private void PrepareThread()
    {
        set_num_threads(options.Threads);
        DenormalFlushing.Enable();
    }

    private static string Diverged(int epoch, string split, double loss, TrialSession session) =>
        string.Create(CultureInfo.InvariantCulture, $"the {split} loss became {loss} in epoch {epoch}: training diverged at learning rate {OptimizerSpec.From(session.Hyperparameters).LearningRate}; try a smaller one");
}
