using System.Numerics;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Tuner.TrialWorker.Training;

/// <summary>
/// Adam in Keras's formulation (epsilon 1e-7 added to the root of the second moment, bias correction folded into the
/// step size), with AdamW's decoupled weight decay when <c>weightDecay</c> is above zero. One SIMD pass over
/// parameters, gradients and both moments: as six whole-vector LibTorch calls it read and wrote the vectors six times
/// and allocated a temporary each step.
/// </summary>
internal sealed class AdamOptimizer(double learningRate, double weightDecay, long size) : FlatOptimizer
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;

    // The factors as LibTorch casts its double scalars to float: (float)(1 - 0.9) is not 1 - 0.9f.
    private const float FirstRate = (float)(1 - Beta1);
    private const float SecondDecay = (float)Beta2;
    private const float SecondRate = (float)(1 - Beta2);
    private const float Epsilon = 1e-7f;

    private readonly Tensor firstMoment = zeros(size);
    private readonly Tensor secondMoment = zeros(size);

    public override IReadOnlyList<Tensor> StateTensors => [firstMoment, secondMoment];

    protected override void Update(Tensor parameters, Tensor gradients)
    {
        var stepSize = (float)(learningRate * Math.Sqrt(1 - Math.Pow(Beta2, StepCount)) / (1 - Math.Pow(Beta1, StepCount)));
        var decay = weightDecay > 0 ? (float)(1 - (learningRate * weightDecay)) : 1f;
        Update(TensorMemory.Floats(parameters), TensorMemory.Floats(gradients), TensorMemory.Floats(firstMoment), TensorMemory.Floats(secondMoment), stepSize, decay);
    }

    // m += (1 - beta1)(g - m); v = beta2 v + (1 - beta2) g²; p = decay p - step m / (√v + epsilon): the order of
    // operations of the LibTorch calls this replaced (lerp_, mul_ and addcmul_, mul_, addcdiv_).
    private static void Update(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> first, Span<float> second, float stepSize, float decay)
    {
        var count = parameters.Length;
        if (gradients.Length != count || first.Length != count || second.Length != count)
        {
            throw new ArgumentException($"parameters ({count}), gradients ({gradients.Length}) and moments ({first.Length}, {second.Length}) differ in size");
        }
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var p = MemoryMarshal.Cast<float, Vector<float>>(parameters);
            var g = MemoryMarshal.Cast<float, Vector<float>>(gradients);
            var m = MemoryMarshal.Cast<float, Vector<float>>(first);
            var v = MemoryMarshal.Cast<float, Vector<float>>(second);
            for (var k = 0; k < p.Length; k++)
            {
                var gradient = g[k];
                var firstK = m[k] + (FirstRate * (gradient - m[k]));
                var secondK = (v[k] * SecondDecay) + (SecondRate * gradient * gradient);
                m[k] = firstK;
                v[k] = secondK;
                p[k] = (p[k] * decay) - (stepSize * (firstK / (Vector.SquareRoot(secondK) + new Vector<float>(Epsilon))));
            }
            i = p.Length * Vector<float>.Count;
        }
        for (; i < count; i++)
        {
            var gradient = gradients[i];
            first[i] += FirstRate * (gradient - first[i]);
            second[i] = (second[i] * SecondDecay) + (SecondRate * gradient * gradient);
            parameters[i] = (parameters[i] * decay) - (stepSize * (first[i] / (MathF.Sqrt(second[i]) + Epsilon)));
        }
    }
}
