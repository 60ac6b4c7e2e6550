using Tuner.TrialWorker.Data;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Tuner.TrialWorker.Training;

/// <summary>Classifies images with a trained session's network, in evaluation mode (no dropout).</summary>
public static class Predictor
{
    public static IReadOnlyList<Prediction> Classify(TrialSession session, ImageSet images)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        session.Network.eval();
        var probabilities = softmax(session.Network.forward(PreparedDataset.Features(images)), 1).data<float>().ToArray();
        var classes = probabilities.Length / images.Count;
        return [.. Enumerable.Range(0, images.Count).Select(i =>
        {
            var row = probabilities.AsSpan(i * classes, classes).ToArray();
            return new Prediction(Array.IndexOf(row, row.Max()), row);
        })];
    }
}
