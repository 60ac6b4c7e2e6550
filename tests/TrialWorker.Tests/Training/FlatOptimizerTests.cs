using Tuner.TrialWorker.Training;
using static TorchSharp.torch;

namespace Tuner.TrialWorker.Tests.Training;

/// <summary>
/// The fused optimizer steps against the same formulas written as whole-tensor LibTorch operations (the
/// implementation they replaced), over several steps and on a vector whose length is no multiple of the SIMD width.
/// </summary>
public class FlatOptimizerTests
{
    private const int Size = 1003;
    private const int Steps = 6;

    [Theory]
    [InlineData(OptimizerKind.Adam, 0.001, 0.0)]
    [InlineData(OptimizerKind.Adam, 0.05, 0.0)]
    [InlineData(OptimizerKind.AdamW, 0.01, 0.1)]
    public void Adam_steps_equal_the_tensor_formula(OptimizerKind kind, double learningRate, double weightDecay)
    {
        using var firstMoment = zeros(Size);
        using var secondMoment = zeros(Size);
        AssertStepsMatch(new OptimizerSpec(kind, learningRate, 0.9, weightDecay), (parameters, gradients, step) =>
        {
            firstMoment.lerp_(gradients, 1 - 0.9);
            secondMoment.mul_(0.999).addcmul_(gradients, gradients, 1 - 0.999);
            var stepSize = learningRate * Math.Sqrt(1 - Math.Pow(0.999, step)) / (1 - Math.Pow(0.9, step));
            if (kind == OptimizerKind.AdamW)
            {
                parameters.mul_(1 - (learningRate * weightDecay));
            }
            using var denominator = secondMoment.sqrt().add_(1e-7);
            parameters.addcdiv_(firstMoment, denominator, -stepSize);
        });
    }

    [Theory]
    [InlineData(0.1, 0.9)]
    [InlineData(0.01, 0.0)]
    public void Momentum_sgd_steps_equal_the_tensor_formula(double learningRate, double momentum)
    {
        using var velocity = zeros(Size);
        AssertStepsMatch(new OptimizerSpec(OptimizerKind.Sgd, learningRate, momentum, 0), (parameters, gradients, _) =>
        {
            velocity.mul_(momentum).add_(gradients);
            parameters.add_(velocity, -learningRate);
        });
    }

    private static void AssertStepsMatch(OptimizerSpec spec, Action<Tensor, Tensor, long> reference)
    {
        using var random = new Generator(5);
        using var fusedParameters = randn([Size], generator: random);
        using var expectedParameters = fusedParameters.clone();
        using var start = fusedParameters.clone();
        using var optimizer = FlatOptimizer.Create(spec, Size);
        for (var step = 1; step <= Steps; step++)
        {
            using var gradients = randn([Size], generator: random).mul_(step);
            optimizer.Step(fusedParameters, gradients);
            reference(expectedParameters, gradients, step);

            var difference = fusedParameters.sub(expectedParameters).abs().max().item<float>();
            Assert.True(fusedParameters.allclose(expectedParameters, rtol: 1e-5, atol: 1e-7), $"step {step}: largest difference {difference}");
        }
        Assert.Equal(Steps, optimizer.StepCount);
        Assert.False(fusedParameters.allclose(start), "the parameters did not move");
    }
}
