using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Tuner.Shared.Status;

namespace Tuner.Coordinator.Watching;

/// <summary>Draws a <see cref="StudySnapshot"/>: the header, the best so far, each rung's progress and the running trials.</summary>
public static class StudyStatusView
{
    private const int BarWidth = 20;

    public static IRenderable Render(StudySnapshot snapshot)
    {
        var remaining = snapshot.Remaining is { } left ? $" · about {Clock(left)} left" : "";
        var header = new Markup(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Study {snapshot.Study} · {snapshot.Schedule} · {Clock(TimeSpan.FromSeconds(snapshot.ElapsedSeconds))} elapsed{remaining} · {snapshot.Workers} workers · epochs {snapshot.EpochsTrained}/{snapshot.EpochsPlanned}{(snapshot.Finished ? " · finished" : "")}")));
        var best = new Markup(snapshot.Best is { } b
            ? Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"Best val_accuracy so far: {b.ValidationAccuracy:F4} (trial {b.TrialId}, {b.Epochs} epochs): {b.Hyperparameters}"))
            : "No result yet");

        var rungs = new Table().Border(TableBorder.Simple).Title("Brackets and rungs");
        foreach (var column in new[] { "iteration", "bracket", "rung", "epochs", "reported", "running" })
        {
            rungs.AddColumn(column);
        }
        foreach (var rung in snapshot.Rungs)
        {
            var planned = Math.Max(rung.Planned, rung.Entered);
            rungs.AddRow(
                Text(rung.Iteration), Text(rung.Bracket), Text(rung.Rung), Text(rung.Epochs),
                new Text($"{Bar(rung.Reported, planned)} {rung.Reported}/{planned}"),
                Text(rung.Running));
        }

        var running = new Table().Border(TableBorder.Simple).Title("Running trials");
        foreach (var column in new[] { "trial", "attempt", "worker", "bracket", "rung", "epoch", "val_accuracy" })
        {
            running.AddColumn(column);
        }
        foreach (var trial in snapshot.Running)
        {
            running.AddRow(
                Text(trial.TrialId), Text(trial.Attempt), new Text(trial.WorkerId), Text(trial.Bracket), Text(trial.Rung),
                new Text($"{trial.EpochReached?.ToString(CultureInfo.InvariantCulture) ?? "-"} of {trial.FromEpoch + 1}..{trial.ToEpoch}"),
                new Text(trial.ValidationAccuracy?.ToString("F4", CultureInfo.InvariantCulture) ?? "-"));
        }
        return new Rows(header, best, rungs, running);
    }

    private static string Bar(int done, int total)
    {
        var filled = total == 0 ? 0 : (int)Math.Round((double)done / total * BarWidth);
        return new string('#', filled) + new string('.', BarWidth - filled);
    }

    private static Text Text(int value) => new(value.ToString(CultureInfo.InvariantCulture));

    private static string Clock(TimeSpan time) => $"{(int)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}";
}
