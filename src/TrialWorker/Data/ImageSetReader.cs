namespace Tuner.TrialWorker.Data;

/// <summary>Pairs an IDX image file with its label file and checks that they belong together.</summary>
public static class ImageSetReader
{
    /// <summary>Both supported datasets have ten classes of 28x28 images; the models are built for that shape.</summary>
    public const int ClassCount = 10;
    public const int Side = 28;

    public static ImageSet Read(string name, string imagesPath, string labelsPath)
    {
        var images = IdxReader.ReadImages(imagesPath);
        var labels = IdxReader.ReadLabels(labelsPath);
        if (images.Rows != Side || images.Columns != Side)
        {
            throw new DataFileException(
                $"Data file '{imagesPath}' holds images of {images.Rows}x{images.Columns} pixels, but the {name} set needs {Side}x{Side}; use an MNIST-like image file.");
        }
        if (images.Count != labels.Length)
        {
            throw new DataFileException(
                $"Data files '{imagesPath}' ({images.Count} images) and '{labelsPath}' ({labels.Length} labels) do not match; give the label file that belongs to these images.");
        }
        var bad = Array.FindIndex(labels, label => label >= ClassCount);
        if (bad >= 0)
        {
            throw new DataFileException(
                $"Data file '{labelsPath}' has label {labels[bad]} at position {bad}, but the {name} set has {ClassCount} classes (0..{ClassCount - 1}); the file is corrupt or not a label file of a {ClassCount}-class set.");
        }
        return new ImageSet(name, images.Rows, images.Columns, images.Pixels, labels);
    }
}
