using Tuner.Shared.Hyperparameters;
using Tuner.Shared.Trials;
using Tuner.TrialWorker.Training;
using static Tuner.TrialWorker.Tests.Training.SyntheticData;

namespace Tuner.TrialWorker.Tests.Training;

public sealed class TrainerTests : IDisposable
{
    private static readonly HyperparameterSet Mlp = Assignment(
        ("learning_rate", 0.003), ("num_layers", 2), ("num_units_0", 32), ("num_units_1", 16),
        ("drop_0", 0.3), ("l2_1", 0.001), ("batch_size", 32));

    private static readonly HyperparameterSet Cnn = Assignment(
        ("model", "cnn"), ("learning_rate", 0.003), ("conv_blocks", 1), ("filters_0", 4), ("kernel_size_0", 3),
        ("pool_0", true), ("conv_drop_0", 0.2), ("batch_norm", true), ("num_layers", 1), ("num_units_0", 16));

    private readonly PreparedDataset data = PreparedDataset.From(Learnable(512, 256, 7));
    private readonly Trainer trainer = new();

    [Theory]
    [InlineData("adam")]
    [InlineData("sgd")]
    [InlineData("adamw")]
    public void Each_optimizer_learns_a_learnable_task(string optimizer)
    {
        var assignment = Mlp.With("optimizer", new HyperparameterValue.Word(optimizer))
            .With("learning_rate", new HyperparameterValue.RealNumber(optimizer == "sgd" ? 0.05 : 0.003));
        using var session = TrialSession.Start(assignment, data.Shape, 11);

        var outcome = Train(session, 8);

        Assert.True(outcome.Succeeded, outcome.FailureReason);
        Assert.Equal(8, outcome.Epochs.Length);
        Assert.True(outcome.Epochs[^1].ValidationAccuracy > 0.9, $"validation accuracy {outcome.Epochs[^1].ValidationAccuracy}");
        Assert.True(outcome.Epochs[^1].TrainLoss < outcome.Epochs[0].TrainLoss);
        Assert.True(trainer.Evaluate(session, data, DataSplit.Test).Accuracy > 0.9);
    }

    [Fact]
    public void Each_epoch_is_reported_as_it_ends()
    {
        using var session = TrialSession.Start(Mlp, data.Shape, 3);
        var reported = new List<EpochMetrics>();

        var outcome = Train(session, 3, new SynchronousProgress(reported.Add));

        Assert.Equal([1, 2, 3], reported.Select(metrics => metrics.Epoch));
        Assert.Equal(outcome.Epochs, reported);
        Assert.Equal(3, session.CompletedEpochs);
    }

    [Fact]
    public void A_resumed_mlp_ends_bit_identical_to_one_trained_straight_through() =>
        AssertResumeIsExact(Mlp, stopAfter: 2, epochs: 4);

    [Fact]
    public void A_resumed_cnn_with_batch_norm_and_dropout_ends_bit_identical_to_one_trained_straight_through() =>
        AssertResumeIsExact(Cnn, stopAfter: 1, epochs: 2);

    [Fact]
    public void The_same_seed_gives_the_same_run_and_another_seed_another()
    {
        using var first = TrialSession.Start(Mlp, data.Shape, 5);
        using var second = TrialSession.Start(Mlp, data.Shape, 5);
        using var other = TrialSession.Start(Mlp, data.Shape, 6);
        Train(first, 1);
        Train(second, 1);
        Train(other, 1);

        Assert.Equal(first.Checkpoint(), second.Checkpoint());
        Assert.NotEqual(first.Checkpoint(), other.Checkpoint());
    }

    [Fact]
    public void A_diverging_run_ends_as_a_failed_outcome_with_its_reason()
    {
        using var session = TrialSession.Start(Mlp.With("optimizer", new HyperparameterValue.Word("sgd")).With("learning_rate", new HyperparameterValue.RealNumber(1e6)), data.Shape, 1);

        var outcome = Train(session, 3);

        Assert.False(outcome.Succeeded);
        Assert.Contains("diverged", outcome.FailureReason, StringComparison.Ordinal);
        Assert.True(outcome.Epochs.Length < 3);
    }

    [Fact]
    public void A_cancelled_run_stops_between_steps()
    {
        using var session = TrialSession.Start(Mlp, data.Shape, 1);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => trainer.Train(session, data, 2, cancellation: cancellation.Token));
        Assert.Equal(0, session.CompletedEpochs);
    }

    [Fact]
    public void A_checkpoint_of_another_assignment_is_refused()
    {
        using var session = TrialSession.Start(Mlp, data.Shape, 1);
        var checkpoint = session.Checkpoint();
        var other = Mlp.With("num_units_1", new HyperparameterValue.WholeNumber(17));

        var error = Assert.Throws<CheckpointFormatException>(() => TrialSession.Resume(other, data.Shape, checkpoint));

        Assert.Contains("num_units_1=17", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_checkpoint_is_refused()
    {
        using var session = TrialSession.Start(Mlp, data.Shape, 1);
        var checkpoint = session.Checkpoint();

        var error = Assert.Throws<CheckpointFormatException>(() => TrialSession.Resume(Mlp, data.Shape, checkpoint[..^100]));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => data.Dispose();

    private void AssertResumeIsExact(HyperparameterSet assignment, int stopAfter, int epochs)
    {
        using var straight = TrialSession.Start(assignment, data.Shape, 42);
        var straightOutcome = Train(straight, epochs);

        byte[] checkpoint;
        using (var first = TrialSession.Start(assignment, data.Shape, 42))
        {
            Train(first, stopAfter);
            checkpoint = first.Checkpoint();
        }
        using var resumed = TrialSession.Resume(assignment, data.Shape, checkpoint);
        var resumedOutcome = Train(resumed, epochs);

        Assert.Equal(stopAfter, resumedOutcome.Epochs[0].Epoch - 1);
        Assert.Equal(WithoutDurations(straightOutcome.Epochs.Skip(stopAfter)), WithoutDurations(resumedOutcome.Epochs));
        Assert.Equal(straight.Checkpoint(), resumed.Checkpoint());
        Assert.Equal(trainer.Evaluate(straight, data, DataSplit.Test), trainer.Evaluate(resumed, data, DataSplit.Test));
    }

    private TrialOutcome Train(TrialSession session, int epochs, IProgress<EpochMetrics>? progress = null) =>
        trainer.Train(session, data, epochs, progress, TestContext.Current.CancellationToken);

    private static List<EpochMetrics> WithoutDurations(IEnumerable<EpochMetrics> epochs) =>
        [.. epochs.Select(metrics => metrics with { Duration = TimeSpan.Zero })];

    private sealed class SynchronousProgress(Action<EpochMetrics> report) : IProgress<EpochMetrics>
    {
        public void Report(EpochMetrics value) => report(value);
    }
}
