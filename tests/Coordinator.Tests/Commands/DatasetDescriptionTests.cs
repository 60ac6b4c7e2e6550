using Tuner.Coordinator.Commands;

namespace Tuner.Coordinator.Tests.Commands;

public class DatasetDescriptionTests
{
    [Fact]
    public void Classes_are_ordered_by_frequency_then_by_label()
    {
        byte[] labels = [9, 3, 9, 3, 1, 1, 1, 5];

        var shares = DatasetDescription.ClassShares(labels);

        Assert.Equal([(1, 37.5), (3, 25.0), (9, 25.0), (5, 12.5)], shares);
    }
}
