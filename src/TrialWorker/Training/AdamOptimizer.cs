using static TorchSharp.torch;

namespace Tuner.TrialWorker.Training;

/// <summary>
/// Adam in Keras's formulation (epsilon 1e-7 added to the root of the second moment, bias correction folded into the
/// step size), with AdamW's decoupled weight decay when <c>weightDecay</c> is above zero.
/// </summary>
internal sealed class AdamOptimizer(double learningRate, double weightDecay, long size) : FlatOptimizer
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-7;

    private readonly Tensor firstMoment = zeros(size);
    private readonly Tensor secondMoment = zeros(size);

    public override IReadOnlyList<Tensor> StateTensors => [firstMoment, secondMoment];

    protected override void Update(Tensor parameters, Tensor gradients)
    {
        firstMoment.lerp_(gradients, 1 - Beta1);
        secondMoment.mul_(Beta2).addcmul_(gradients, gradients, 1 - Beta2);
        var stepSize = learningRate * Math.Sqrt(1 - Math.Pow(Beta2, StepCount)) / (1 - Math.Pow(Beta1, StepCount));
        if (weightDecay > 0)
        {
            parameters.mul_(1 - (learningRate * weightDecay));
        }
        using var denominator = secondMoment.sqrt().add_(Epsilon);
        parameters.addcdiv_(firstMoment, denominator, -stepSize);
    }
}
