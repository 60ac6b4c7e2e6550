using System.Numerics;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Tuner.TrialWorker.Training;

/// <summary>
/// SGD with heavy-ball momentum; equal to Keras's formulation at a constant learning rate. One SIMD pass over
/// parameters, gradients and velocity.
/// </summary>
internal sealed class MomentumSgdOptimizer(double learningRate, double momentum, long size) : FlatOptimizer
{
    private readonly Tensor velocity = zeros(size);

    public override IReadOnlyList<Tensor> StateTensors => [velocity];

    protected override void Update(Tensor parameters, Tensor gradients) =>
        Update(TensorMemory.Floats(parameters), TensorMemory.Floats(gradients), TensorMemory.Floats(velocity), (float)learningRate, (float)momentum);

    // v = momentum v + g; p -= rate v: the order of operations of the LibTorch calls this replaced (mul_ and add_, add_).
    private static void Update(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> velocity, float rate, float momentum)
    {
        var count = parameters.Length;
        if (gradients.Length != count || velocity.Length != count)
        {
            throw new ArgumentException($"parameters ({count}), gradients ({gradients.Length}) and velocity ({velocity.Length}) differ in size");
        }
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var p = MemoryMarshal.Cast<float, Vector<float>>(parameters);
            var g = MemoryMarshal.Cast<float, Vector<float>>(gradients);
            var v = MemoryMarshal.Cast<float, Vector<float>>(velocity);
            for (var k = 0; k < p.Length; k++)
            {
                var velocityK = (v[k] * momentum) + g[k];
                v[k] = velocityK;
                p[k] -= rate * velocityK;
            }
            i = p.Length * Vector<float>.Count;
        }
        for (; i < count; i++)
        {
            velocity[i] = (velocity[i] * momentum) + gradients[i];
            parameters[i] -= rate * velocity[i];
        }
    }
}
