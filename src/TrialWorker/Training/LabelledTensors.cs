using static TorchSharp.torch;

namespace Tuner.TrialWorker.Training;

/// <summary>One split as tensors: <see cref="Features"/> [N, pixels] float32 in [0, 1], <see cref="Labels"/> [N] int64.</summary>
public sealed class LabelledTensors(Tensor features, Tensor labels) : IDisposable
{
    public Tensor Features { get; } = features;

    public Tensor Labels { get; } = labels;

    public int Count => (int)Labels.shape[0];

    public void Dispose()
    {
        Features.Dispose();
        Labels.Dispose();
    }
}
