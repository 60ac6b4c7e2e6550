using Tuner.TrialWorker.Data;

namespace Tuner.TrialWorker.Tests.Data;

public class StratifiedSplitTests
{
    // Class sizes of MNIST's 10,000 test images; only ones and nines are odd.
    private static readonly int[] MnistTestClassSizes = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

    private static byte[] LabelsWithClassSizes(int[] sizes, int seed)
    {
        var labels = sizes.SelectMany((size, label) => Enumerable.Repeat((byte)label, size)).ToArray();
        new Random(seed).Shuffle(labels);
        return labels;
    }

    private static int[] ClassCounts(byte[] labels, int[] indices) =>
        [.. Enumerable.Range(0, 10).Select(label => indices.Count(i => labels[i] == label))];

    [Fact]
    public void The_seeds_per_class_counts_are_reproduced()
    {
        var labels = LabelsWithClassSizes(MnistTestClassSizes, seed: 7);

        var (validation, test) = StratifiedSplit.HalveIndices(labels, seed: 42);

        Assert.Equal([490, 568, 516, 505, 491, 446, 479, 514, 487, 504], ClassCounts(labels, validation));
        Assert.Equal([490, 567, 516, 505, 491, 446, 479, 514, 487, 505], ClassCounts(labels, test));
    }

    [Fact]
    public void Odd_extras_alternate_between_validation_and_test_in_class_order()
    {
        byte[] labels = [0, 0, 0, 2, 2, 2, 3, 5, 5, 5];

        var (validation, test) = StratifiedSplit.HalveIndices(labels, seed: 1);

        // Odd classes 0, 2, 3 and 5 in turn: extra to validation, test, validation, test.
        Assert.Equal([2, 0, 1, 1, 0, 1], ClassCounts(labels, validation)[..6]);
        Assert.Equal([1, 0, 2, 0, 0, 2], ClassCounts(labels, test)[..6]);
    }

    [Fact]
    public void The_halves_partition_the_set_and_keep_file_order()
    {
        var labels = LabelsWithClassSizes(MnistTestClassSizes, seed: 3);

        var (validation, test) = StratifiedSplit.HalveIndices(labels, seed: 42);

        Assert.Equal(5000, validation.Length);
        Assert.Equal(5000, test.Length);
        Assert.Equal(Enumerable.Range(0, 10000), validation.Concat(test).Order());
        Assert.Equal(validation.Order(), validation);
        Assert.Equal(test.Order(), test);
    }

    [Fact]
    public void The_same_seed_gives_the_same_split_and_another_seed_another()
    {
        var labels = LabelsWithClassSizes(MnistTestClassSizes, seed: 5);

        var first = StratifiedSplit.HalveIndices(labels, seed: 42);
        var again = StratifiedSplit.HalveIndices(labels, seed: 42);
        var other = StratifiedSplit.HalveIndices(labels, seed: 43);

        Assert.Equal(first.Validation, again.Validation);
        Assert.Equal(first.Test, again.Test);
        Assert.NotEqual(first.Validation, other.Validation);
        Assert.Equal(ClassCounts(labels, first.Validation), ClassCounts(labels, other.Validation));
    }

    [Fact]
    public void Halving_an_image_set_keeps_each_image_with_its_label()
    {
        var labels = IdxFixture.CyclicLabels(40);
        var pixels = IdxFixture.Pixels(40, 28, 28);
        var set = new ImageSet("test", 28, 28, pixels, labels);

        var (validation, test) = StratifiedSplit.Halve(set, seed: 42, "v", "t");
        var (validationIndices, testIndices) = StratifiedSplit.HalveIndices(labels, seed: 42);

        Assert.Equal(("v", "t"), (validation.Name, test.Name));
        Assert.Equal(20, validation.Count);
        for (var i = 0; i < testIndices.Length; i++)
        {
            Assert.Equal(labels[testIndices[i]], test.Labels[i]);
            Assert.Equal(set.Image(testIndices[i]), test.Image(i));
        }
        Assert.Equal(set.Image(validationIndices[^1]), validation.Image(validation.Count - 1));
    }
}
