using Tuner.Coordinator.Commands;
using Tuner.Shared.Trials;

namespace Tuner.Coordinator.Tests.Commands;

public class KerasStyleReportTests
{
    [Fact]
    public void An_epoch_reads_like_the_seed_s_keras_output()
    {
        var metrics = new EpochMetrics(3, 0.12044, 0.97551, 0.0856, 0.9742, TimeSpan.FromSeconds(5.2));

        Assert.Equal(
            "Epoch 3/10\n1875/1875 - 5s 3ms/step - accuracy: 0.9755 - loss: 0.1204 - val_accuracy: 0.9742 - val_loss: 0.0856",
            KerasStyleReport.Epoch(metrics, 10, 1875));
    }

    [Fact]
    public void Steps_under_a_millisecond_are_given_in_microseconds()
    {
        var metrics = new EpochMetrics(1, 0.3, 0.9, 0.2, 0.95, TimeSpan.FromSeconds(1.2));

        Assert.Contains(" - 1s 640us/step - ", KerasStyleReport.Epoch(metrics, 1, 1875), StringComparison.Ordinal);
    }

    [Fact]
    public void The_test_line_gives_accuracy_and_loss()
    {
        Assert.Equal("Test (5000 images) - accuracy: 0.9755 - loss: 0.1204", KerasStyleReport.Test(new Evaluation(0.12041, 0.9755, 5000)));
    }
}
