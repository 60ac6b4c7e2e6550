using Spectre.Console.Testing;
using Tuner.Coordinator.Watching;
using Tuner.Shared.Hyperparameters;
using Tuner.Shared.Status;

namespace Tuner.Coordinator.Tests.Watching;

public class StudyStatusViewTests
{
    [Fact]
    public void The_view_shows_rung_progress_running_trials_the_best_and_time_left()
    {
        var snapshot = new StudySnapshot("seed-mlp", "keras", 60, false, 30, 90, 2,
            [new RungSnapshot(0, 3, 0, 2, 10, 10, 5, 2), new RungSnapshot(0, 3, 1, 3, 5, 0, 0, 0)],
            [new RunningTrialSnapshot(7, 2, "worker-a", 3, 0, 0, 2, 1, 0.9312)],
            new BestSnapshot(4, 0.9571, 2, HyperparameterSet.Empty.With("learning_rate", new HyperparameterValue.RealNumber(0.001))));
        var console = new TestConsole().Width(140);

        console.Write(StudyStatusView.Render(snapshot));
        var screen = console.Output;

        Assert.Contains("about 00:02:00 left", screen, StringComparison.Ordinal);
        Assert.Contains("epochs 30/90", screen, StringComparison.Ordinal);
        Assert.Contains("Best val_accuracy so far: 0.9571 (trial 4, 2 epochs): learning_rate=0.001", screen, StringComparison.Ordinal);
        Assert.Contains("##########.......... 5/10", screen, StringComparison.Ordinal);
        Assert.Contains("worker-a", screen, StringComparison.Ordinal);
        Assert.Contains("1 of 1..2", screen, StringComparison.Ordinal);
        Assert.Contains("0.9312", screen, StringComparison.Ordinal);
    }
}
