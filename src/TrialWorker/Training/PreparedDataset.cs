using Tuner.TrialWorker.Data;
using Tuner.TrialWorker.Models;
using static TorchSharp.torch;

namespace Tuner.TrialWorker.Training;

/// <summary>
/// The splits converted once to tensors, pixels scaled by 1/255 as the seed did. Flattened [N, pixels] serves both
/// families: a convolutional network views it as [N, 1, rows, columns] without copying. A worker prepares its data
/// once and shares it, read-only, across all the trials it runs.
/// </summary>
public sealed class PreparedDataset : IDisposable
{
    private PreparedDataset(InputShape shape, LabelledTensors train, LabelledTensors validation, LabelledTensors test)
    {
        Shape = shape;
        Train = train;
        Validation = validation;
        Test = test;
    }

    public InputShape Shape { get; }

    public LabelledTensors Train { get; }

    public LabelledTensors Validation { get; }

    public LabelledTensors Test { get; }

    public LabelledTensors this[DataSplit split] => split switch
    {
        DataSplit.Train => Train,
        DataSplit.Validation => Validation,
        DataSplit.Test => Test,
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "no such split"),
    };

    public static PreparedDataset From(DatasetSplits splits, int classes = 10)
    {
        var train = splits.Train;
        foreach (var set in new[] { splits.Validation, splits.Test })
        {
            if (set.Rows != train.Rows || set.Columns != train.Columns)
            {
                throw new ArgumentException($"the {set.Name} images are {set.Rows}x{set.Columns} but the training images are {train.Rows}x{train.Columns}; use splits of one dataset", nameof(splits));
            }
        }
        return new PreparedDataset(
            new InputShape(train.Rows, train.Columns, classes),
            Convert(train, classes),
            Convert(splits.Validation, classes),
            Convert(splits.Test, classes));
    }

    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
        Test.Dispose();
    }

    /// <summary>Images as the networks take them: [N, pixels], scaled by 1/255.</summary>
    public static Tensor Features(ImageSet images)
    {
        using var pixels = tensor(images.Pixels, [images.Count, images.PixelsPerImage], ScalarType.Byte);
        var features = pixels.to_type(ScalarType.Float32);
        features.div_(255f);
        return features;
    }

    private static LabelledTensors Convert(ImageSet images, int classes)
    {
        var badLabel = Array.FindIndex(images.Labels, label => label >= classes);
        if (badLabel >= 0)
        {
            throw new ArgumentException($"label {images.Labels[badLabel]} of {images.Name} image {badLabel} is not below {classes}, the number of classes", nameof(images));
        }
        var features = Features(images);
        using var labelBytes = tensor(images.Labels, [images.Count], ScalarType.Byte);
        return new LabelledTensors(features, labelBytes.to_type(ScalarType.Int64));
    }
}
