using static TorchSharp.torch;

namespace Tuner.TrialWorker.Training;

/// <summary>
/// An optimizer over a network's single parameter vector and its gradient vector: one step is a few whole-vector
/// operations whatever the number of layers. Its state is plain tensors and a step count, so a checkpoint holds it
/// exactly.
/// </summary>
internal abstract class FlatOptimizer : IDisposable
{
    public long StepCount { get; set; }

    /// <summary>The tensors a checkpoint must hold, in a fixed order.</summary>
    public abstract IReadOnlyList<Tensor> StateTensors { get; }

    public static FlatOptimizer Create(OptimizerSpec spec, long size) => spec.Kind switch
    {
        OptimizerKind.Adam => new AdamOptimizer(spec.LearningRate, 0, size),
        OptimizerKind.AdamW => new AdamOptimizer(spec.LearningRate, spec.WeightDecay, size),
        OptimizerKind.Sgd => new MomentumSgdOptimizer(spec.LearningRate, spec.Momentum, size),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "no optimizer of this kind"),
    };

    /// <summary>Updates <paramref name="parameters"/> in place from <paramref name="gradients"/>; call under no_grad.</summary>
    public void Step(Tensor parameters, Tensor gradients)
    {
        StepCount++;
        Update(parameters, gradients);
    }

    public void Dispose()
    {
        foreach (var tensor in StateTensors)
        {
            tensor.Dispose();
        }
    }

    protected abstract void Update(Tensor parameters, Tensor gradients);
}
