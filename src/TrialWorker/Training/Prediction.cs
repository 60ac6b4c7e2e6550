namespace Tuner.TrialWorker.Training;

/// <summary>A model's answer for one image: the most likely class and every class's probability.</summary>
public sealed record Prediction(int Label, IReadOnlyList<float> Probabilities)
{
    public float Confidence => Probabilities[Label];
}
