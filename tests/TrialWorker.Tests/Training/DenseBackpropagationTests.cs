using Tuner.Shared.Hyperparameters;
using Tuner.TrialWorker.Models;
using Tuner.TrialWorker.Training;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;
using static Tuner.TrialWorker.Tests.Training.SyntheticData;

namespace Tuner.TrialWorker.Tests.Training;

public class DenseBackpropagationTests
{
    private static readonly InputShape Shape = new(6, 5, 4);

    public static TheoryData<string, int> Networks => new()
    {
        { "num_layers=1 num_units_0=7", 5 },
        { "num_layers=2 num_units_0=9 num_units_1=3 l2_0=0.01 l2_1=0.3", 8 },
        { "num_layers=3 num_units_0=12 num_units_1=8 num_units_2=6 drop_0=0.5 drop_2=0.25", 16 },
        { "num_layers=3 num_units_0=12 num_units_1=8 num_units_2=6 drop_0=0.3 drop_1=0.6 l2_1=0.05 l2_2=0.002", 1 },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void The_gradients_and_loss_equal_autograds(string layers, int batch)
    {
        var assignment = Parse(layers);
        using var autogradGenerator = new Generator(7);
        using var handGenerator = new Generator(7);
        using var autograd = ModelBuilder.Build(assignment, Shape, autogradGenerator);
        using var hand = ModelBuilder.Build(assignment, Shape, handGenerator);
        using var inputs = new Generator(3);
        using var features = rand([batch, Shape.Pixels], generator: inputs);
        using var labels = randint(Shape.Classes, [batch], generator: inputs);

        autograd.train();
        autograd.GradientBuffer.zero_();
        using var logits = autograd.forward(features);
        var penalty = autograd.RegularizationLoss();
        using var expectedLoss = penalty is null ? cross_entropy(logits, labels) : cross_entropy(logits, labels).add(penalty);
        expectedLoss.backward();

        // Garbage in the gradient vector must not leak into the result: every value is written, none accumulated.
        hand.GradientBuffer.fill_(float.NaN);
        using var backpropagation = new DenseBackpropagation(hand);
        var (loss, handLogits) = backpropagation.Step(features, labels);

        Assert.Equal(expectedLoss.item<float>(), loss.item<float>(), 1e-5);
        Assert.True(handLogits.allclose(logits, rtol: 1e-5, atol: 1e-6));
        Assert.True(autograd.GradientBuffer.abs().sum().item<float>() > 0);
        var difference = hand.GradientBuffer.sub(autograd.GradientBuffer).abs().max().item<float>();
        Assert.True(hand.GradientBuffer.allclose(autograd.GradientBuffer, rtol: 1e-4, atol: 1e-6), $"largest gradient difference {difference}");
        // The dropout masks came from the trial's generator, in the same order as the forward pass draws them.
        using var handState = handGenerator.get_state();
        using var autogradState = autogradGenerator.get_state();
        Assert.Equal(autogradState.bytes.ToArray(), handState.bytes.ToArray());
    }

    private static HyperparameterSet Parse(string layers) =>
        Assignment([.. layers.Split(' ').Select(pair => pair.Split('=')).Select(pair => (pair[0], pair[1].Contains('.', StringComparison.Ordinal) ? (object)double.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture) : int.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture)))]);
}
