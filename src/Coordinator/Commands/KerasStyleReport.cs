using System.Globalization;
using Tuner.Shared.Trials;

namespace Tuner.Coordinator.Commands;

/// <summary>Lines in the shape of the seed's Keras output, so a run reads side by side with the seed study.</summary>
public static class KerasStyleReport
{
    public static string Epoch(EpochMetrics metrics, int epochs, int steps) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Epoch {metrics.Epoch}/{epochs}\n{steps}/{steps} - {Seconds(metrics.Duration)} {StepTime(metrics.Duration, steps)} - accuracy: {metrics.TrainAccuracy:F4} - loss: {metrics.TrainLoss:F4} - val_accuracy: {metrics.ValidationAccuracy:F4} - val_loss: {metrics.ValidationLoss:F4}");

    public static string Test(Evaluation test) =>
        string.Create(CultureInfo.InvariantCulture, $"Test ({test.Count} images) - accuracy: {test.Accuracy:F4} - loss: {test.Loss:F4}");

    private static string Seconds(TimeSpan duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Round(duration.TotalSeconds, MidpointRounding.AwayFromZero):F0}s");

    private static string StepTime(TimeSpan duration, int steps)
    {
        var milliseconds = duration.TotalMilliseconds / Math.Max(steps, 1);
        return milliseconds >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Round(milliseconds, MidpointRounding.AwayFromZero):F0}ms/step")
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Round(milliseconds * 1000, MidpointRounding.AwayFromZero):F0}us/step");
    }
}
