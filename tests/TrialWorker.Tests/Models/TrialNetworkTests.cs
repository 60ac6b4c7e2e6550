using Tuner.TrialWorker.Models;
using static TorchSharp.torch;
using static Tuner.TrialWorker.Tests.Training.SyntheticData;

namespace Tuner.TrialWorker.Tests.Models;

public class TrialNetworkTests
{
    [Fact]
    public void The_seed_network_has_the_keras_parameter_count_and_ten_logits()
    {
        using var generator = new Generator(1);
        using var network = ModelBuilder.Build(Assignment(("num_layers", 3), ("num_units_0", 120), ("num_units_1", 15), ("num_units_2", 75)), InputShape.Mnist, generator);
        using var input = rand(4, 784);
        using var logits = network.forward(input);

        Assert.Equal((784 * 120) + 120 + (120 * 15) + 15 + (15 * 75) + 75 + (75 * 10) + 10, network.ParameterCount);
        Assert.Equal([4L, 10L], logits.shape);
    }

    [Fact]
    public void Kernels_start_glorot_uniform_and_biases_at_zero()
    {
        using var generator = new Generator(1);
        using var network = ModelBuilder.Build(Assignment(("num_layers", 1), ("num_units_0", 120)), InputShape.Mnist, generator);
        var named = network.named_parameters().ToDictionary(pair => pair.name, pair => pair.parameter);
        var limit = Math.Sqrt(6.0 / (784 + 120));

        Assert.True(named["dense0_weight"].abs().max().item<float>() <= limit);
        Assert.True(named["dense0_weight"].abs().max().item<float>() > limit * 0.99);
        Assert.Equal(0f, named["dense0_bias"].abs().sum().item<float>());
    }

    [Fact]
    public void A_convolutional_network_with_batch_norm_gives_ten_logits_per_image()
    {
        using var generator = new Generator(1);
        using var network = ModelBuilder.Build(Assignment(
            ("model", "cnn"), ("conv_blocks", 2), ("filters_0", 4), ("kernel_size_0", 3), ("pool_0", true), ("conv_drop_0", 0.25),
            ("filters_1", 6), ("kernel_size_1", 5), ("pool_1", true), ("batch_norm", true), ("num_layers", 1), ("num_units_0", 16)), InputShape.Mnist, generator);
        using var input = rand(3, 784);
        using var logits = network.forward(input);

        Assert.Equal([3L, 10L], logits.shape);
    }

    [Fact]
    public void The_l2_penalty_is_the_factor_times_the_squared_kernel_weights()
    {
        using var generator = new Generator(1);
        using var network = ModelBuilder.Build(Assignment(("num_layers", 1), ("num_units_0", 8), ("l2_0", 0.01)), InputShape.Mnist, generator);
        var kernel = network.named_parameters().Single(pair => pair.name == "dense0_weight").parameter;
        using var penalty = network.RegularizationLoss();

        Assert.NotNull(penalty);
        Assert.Equal(0.01 * kernel.square().sum().item<float>(), penalty.item<float>(), 1e-6);
    }

    [Fact]
    public void Without_l2_there_is_no_penalty_to_compute()
    {
        using var generator = new Generator(1);
        using var network = ModelBuilder.Build(Assignment(("num_layers", 1), ("num_units_0", 8)), InputShape.Mnist, generator);

        Assert.Null(network.RegularizationLoss());
    }
}
