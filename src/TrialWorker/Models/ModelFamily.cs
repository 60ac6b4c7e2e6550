namespace Tuner.TrialWorker.Models;

/// <summary>The two architectures the builder knows: dense layers only, or convolution blocks before them.</summary>
public enum ModelFamily
{
    Mlp,
    Cnn,
}
