using Tuner.Shared.Hyperparameters;
using Tuner.TrialWorker.Data;

namespace Tuner.TrialWorker.Tests.Training;

/// <summary>Small MNIST-shaped data sets made in memory, so training tests need no download.</summary>
internal static class SyntheticData
{
    /// <summary>Noise images whose class is written as a bright 5x5 patch at a position of its own: learnable.</summary>
    public static DatasetSplits Learnable(int trainCount, int evaluationCount, int seed) =>
        new(Patches("train", trainCount, seed), Patches("validation", evaluationCount, seed + 1), Patches("test", evaluationCount, seed + 2));

    public static HyperparameterSet Assignment(params (string Name, object Value)[] values) =>
        values.Aggregate(HyperparameterSet.Empty, (set, pair) => set.With(pair.Name, pair.Value switch
        {
            int whole => new HyperparameterValue.WholeNumber(whole),
            long whole => new HyperparameterValue.WholeNumber(whole),
            double real => new HyperparameterValue.RealNumber(real),
            bool flag => new HyperparameterValue.Flag(flag),
            string word => new HyperparameterValue.Word(word),
            _ => throw new ArgumentException($"no hyperparameter value of type {pair.Value.GetType()}", nameof(values)),
        }));

    private static ImageSet Patches(string name, int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[count * 784];
        var labels = new byte[count];
        random.NextBytes(pixels);
        for (var p = 0; p < pixels.Length; p++)
        {
            pixels[p] /= 2;
        }
        for (var i = 0; i < count; i++)
        {
            var label = (byte)random.Next(10);
            labels[i] = label;
            var top = 2 + ((label / 5) * 12);
            var left = 2 + ((label % 5) * 5);
            for (var row = top; row < top + 5; row++)
            {
                for (var column = left; column < left + 5; column++)
                {
                    pixels[(i * 784) + (row * 28) + column] = (byte)(255 - (pixels[(i * 784) + (row * 28) + column] / 4));
                }
            }
        }
        return new ImageSet(name, 28, 28, pixels, labels);
    }
}
