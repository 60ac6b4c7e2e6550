namespace Tuner.TrialWorker.Data;

/// <summary>
/// The seed's split of the test set into validation and test halves (sklearn's
/// <c>train_test_split(test_size=.5, stratify=y, random_state=42)</c>), by a rule of our own that gives the same
/// per-class counts.
/// </summary>
/// <remarks>
/// Allocation: each class is halved; a class with an odd count has one image left over, and these extras go to the
/// validation and test sides in turn, in class order, starting with validation. On MNIST's test set only ones (1,135)
/// and nines (1,009) are odd, so validation gets 568 ones and 504 nines and test 567 ones and 505 nines, exactly the
/// seed's tables; validation ends with ceil(n/2) images, as sklearn's second output does. Which images of a class go
/// where is a seeded shuffle within the class (one <see cref="Random"/> drawn in class order); each half then keeps
/// the file's order, so the result depends only on the labels and the seed.
/// </remarks>
public static class StratifiedSplit
{
    public static (ImageSet Validation, ImageSet Test) Halve(ImageSet set, int seed, string validationName, string testName)
    {
        var (validation, test) = HalveIndices(set.Labels, seed);
        return (Select(set, validation, validationName), Select(set, test, testName));
    }

    public static (int[] Validation, int[] Test) HalveIndices(IReadOnlyList<byte> labels, int seed)
    {
        var random = new Random(seed);
        var validation = new List<int>();
        var test = new List<int>();
        var extraToValidation = true;
        foreach (var members in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var shuffled = members.ToArray();
            random.Shuffle(shuffled);
            var validationCount = shuffled.Length / 2;
            if (shuffled.Length % 2 == 1)
            {
                validationCount += extraToValidation ? 1 : 0;
                extraToValidation = !extraToValidation;
            }
            validation.AddRange(shuffled[..validationCount]);
            test.AddRange(shuffled[validationCount..]);
        }
        validation.Sort();
        test.Sort();
        return ([.. validation], [.. test]);
    }

    private static ImageSet Select(ImageSet set, int[] indices, string name)
    {
        var pixels = new byte[indices.Length * set.PixelsPerImage];
        var labels = new byte[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            set.Image(indices[i]).CopyTo(pixels.AsSpan(i * set.PixelsPerImage));
            labels[i] = set.Labels[indices[i]];
        }
        return new ImageSet(name, set.Rows, set.Columns, pixels, labels);
    }
}
