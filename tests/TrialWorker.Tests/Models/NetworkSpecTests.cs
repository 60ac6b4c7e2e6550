using Tuner.Shared.Hyperparameters;
using Tuner.TrialWorker.Models;
using Tuner.TrialWorker.Training;
using static Tuner.TrialWorker.Tests.Training.SyntheticData;

namespace Tuner.TrialWorker.Tests.Models;

public class NetworkSpecTests
{
    private static readonly HyperparameterSet SeedBest = Assignment(
        ("learning_rate", 0.001), ("num_layers", 3), ("num_units_0", 120), ("num_units_1", 15), ("num_units_2", 75));

    [Fact]
    public void The_seed_assignment_reads_as_three_hidden_dense_layers()
    {
        var spec = NetworkSpec.From(SeedBest, InputShape.Mnist);

        Assert.Equal(ModelFamily.Mlp, spec.Family);
        Assert.Equal([120, 15, 75], spec.DenseLayers.Select(layer => layer.Units));
        Assert.All(spec.DenseLayers, layer => Assert.Equal((0.0, 0.0), (layer.L2, layer.Dropout)));
        Assert.Equal(784, spec.FlattenedFeatures());
    }

    [Fact]
    public void Values_for_layers_beyond_num_layers_are_ignored()
    {
        var spec = NetworkSpec.From(SeedBest.With("num_units_3", new HyperparameterValue.WholeNumber(0)).With("drop_4", new HyperparameterValue.RealNumber(7)), InputShape.Mnist);

        Assert.Equal(3, spec.DenseLayers.Length);
    }

    [Fact]
    public void A_convolutional_assignment_counts_the_features_left_after_pooling()
    {
        var spec = NetworkSpec.From(Assignment(
            ("model", "cnn"), ("conv_blocks", 2), ("filters_0", 8), ("kernel_size_0", 3), ("pool_0", true),
            ("filters_1", 16), ("kernel_size_1", 5), ("pool_1", true), ("batch_norm", true)), InputShape.Mnist);

        Assert.Equal((7, 7), spec.ConvOutputSize());
        Assert.Equal(16 * 7 * 7, spec.FlattenedFeatures());
        Assert.Empty(spec.DenseLayers);
        Assert.True(spec.BatchNorm);
    }

    [Theory]
    [InlineData("drop_1", 1.0)]
    [InlineData("drop_0", -0.1)]
    [InlineData("l2_2", -1.0)]
    [InlineData("num_layers", 0)]
    [InlineData("num_units_1", 0)]
    public void Impossible_dense_values_are_refused_naming_the_parameter(string name, object value)
    {
        var assignment = SeedBest.With(name, value is int whole ? new HyperparameterValue.WholeNumber(whole) : new HyperparameterValue.RealNumber((double)value));

        var error = Assert.Throws<InvalidHyperparametersException>(() => NetworkSpec.From(assignment, InputShape.Mnist));

        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_model_is_refused_with_the_known_ones()
    {
        var error = Assert.Throws<InvalidHyperparametersException>(() => NetworkSpec.From(SeedBest.With("model", new HyperparameterValue.Word("rnn")), InputShape.Mnist));

        Assert.Contains("'model'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'cnn'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_even_kernel_is_refused_with_an_odd_one_suggested()
    {
        var error = Assert.Throws<InvalidHyperparametersException>(() => NetworkSpec.From(
            Assignment(("model", "cnn"), ("conv_blocks", 1), ("filters_0", 4), ("kernel_size_0", 4)), InputShape.Mnist));

        Assert.Contains("'kernel_size_0'", error.Message, StringComparison.Ordinal);
        Assert.Contains("5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_layer_width_is_refused_naming_it()
    {
        var error = Assert.Throws<InvalidHyperparametersException>(() => NetworkSpec.From(Assignment(("num_layers", 2), ("num_units_0", 10)), InputShape.Mnist));

        Assert.Contains("'num_units_1'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("optimizer", "rmsprop")]
    [InlineData("learning_rate", -0.1)]
    [InlineData("momentum", 1.0)]
    [InlineData("batch_size", 0)]
    public void Impossible_training_values_are_refused_naming_the_parameter(string name, object value)
    {
        var assignment = SeedBest.With(name, value switch
        {
            string word => new HyperparameterValue.Word(word),
            int whole => new HyperparameterValue.WholeNumber(whole),
            _ => new HyperparameterValue.RealNumber((double)value),
        });

        var error = Assert.Throws<InvalidHyperparametersException>(() =>
        {
            OptimizerSpec.From(assignment);
            OptimizerSpec.BatchSize(assignment);
        });

        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }
}
