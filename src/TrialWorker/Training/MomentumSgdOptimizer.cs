using static TorchSharp.torch;

namespace Tuner.TrialWorker.Training;

/// <summary>SGD with heavy-ball momentum; equal to Keras's formulation at a constant learning rate.</summary>
internal sealed class MomentumSgdOptimizer(double learningRate, double momentum, long size) : FlatOptimizer
{
    private readonly Tensor velocity = zeros(size);

    public override IReadOnlyList<Tensor> StateTensors => [velocity];

    protected override void Update(Tensor parameters, Tensor gradients)
    {
        velocity.mul_(momentum).add_(gradients);
        parameters.add_(velocity, -learningRate);
    }
}
