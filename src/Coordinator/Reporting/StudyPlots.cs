using ScottPlot;
using SkiaSharp;
using Tuner.Shared.Trials;

namespace Tuner.Coordinator.Reporting;

/// <summary>The study's pictures as PNG bytes: the retrained model's history and the search itself.</summary>
public static class StudyPlots
{
    public const int PanelWidth = 640;
    public const int PanelHeight = 420;

    /// <summary>
    /// ScottPlot's own sans choice falls back to Skia's default face, which on Debian is DejaVu Serif: name a sans
    /// family that is installed (fonts-dejavu-core brings DejaVu Sans).
    /// </summary>
    private static readonly Lazy<string> SansFont = new(() =>
        new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial" }
            .FirstOrDefault(name => SKFontManager.Default.FontFamilies.Contains(name, StringComparer.Ordinal)) ?? Fonts.Sans);

    /// <summary>The seed's <c>show_train_history</c>: accuracy and val_accuracy beside loss and val_loss, per epoch.</summary>
    public static byte[] History(IReadOnlyList<EpochMetrics> history)
    {
        double[] epochs = [.. history.Select(e => (double)e.Epoch)];
        using var accuracy = Panel("Train history: accuracy", "accuracy",
            ("accuracy", epochs, [.. history.Select(e => e.TrainAccuracy)]),
            ("val_accuracy", epochs, [.. history.Select(e => e.ValidationAccuracy)]));
        using var loss = Panel("Train history: loss", "loss",
            ("loss", epochs, [.. history.Select(e => e.TrainLoss)]),
            ("val_loss", epochs, [.. history.Select(e => e.ValidationLoss)]));
        return SideBySide(accuracy, loss);
    }

    /// <summary>
    /// Validation accuracy against epochs for every trial, one colour per bracket; a trial's line runs on across its
    /// promotions and a ring marks each epoch at which it was promoted.
    /// </summary>
    public static byte[] Search(IReadOnlyList<TrialRecord> trials)
    {
        var palette = new ScottPlot.Palettes.Category10();
        using var plot = NewPlot("Search: val_accuracy of every trial", "epoch", "val_accuracy");
        var brackets = trials.Select(t => t.Bracket).Distinct().Order().ToList();
        foreach (var bracket in brackets)
        {
            var color = palette.GetColor(brackets.IndexOf(bracket));
            var labelled = false;
            foreach (var trial in trials.Where(t => t.Bracket == bracket).OrderBy(t => t.TrialId))
            {
                var epochs = trial.Epochs.ToList();
                if (epochs.Count == 0)
                {
                    continue;
                }
                var line = plot.Add.Scatter(epochs.Select(e => (double)e.Epoch).ToArray(), epochs.Select(e => e.ValidationAccuracy).ToArray(), color);
                line.LineWidth = 1.5f;
                line.MarkerSize = 3;
                if (!labelled)
                {
                    line.LegendText = $"bracket {bracket}";
                    labelled = true;
                }
                var promotions = trial.Runs.Where(r => r.Promoted && r.LastEpoch is not null).Select(r => r.LastEpoch!).ToList();
                if (promotions.Count > 0)
                {
                    plot.Add.Markers(
                        promotions.Select(e => (double)e.Epoch).ToArray(), promotions.Select(e => e.ValidationAccuracy).ToArray(),
                        MarkerShape.OpenCircle, 11, color);
                }
            }
        }
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "promoted", MarkerShape = MarkerShape.OpenCircle, MarkerSize = 11, MarkerColor = Colors.Black, LineWidth = 0 });
        plot.ShowLegend(Alignment.LowerRight);
        return plot.GetImageBytes(PanelWidth * 2, PanelHeight + 120, ImageFormat.Png);
    }

    private static Plot Panel(string title, string metric, params (string Label, double[] Epochs, double[] Values)[] series)
    {
        var plot = NewPlot(title, "epoch", metric);
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < series.Length; i++)
        {
            var line = plot.Add.Scatter(series[i].Epochs, series[i].Values, palette.GetColor(i));
            line.LegendText = series[i].Label;
            line.LineWidth = 2;
        }
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static byte[] SideBySide(Plot left, Plot right)
    {
        var info = new SKImageInfo(PanelWidth * 2, PanelHeight);
        using var surface = SKSurface.Create(info);
        surface.Canvas.Clear(SKColors.White);
        using var leftImage = SKBitmap.Decode(left.GetImageBytes(PanelWidth, PanelHeight, ImageFormat.Png));
        using var rightImage = SKBitmap.Decode(right.GetImageBytes(PanelWidth, PanelHeight, ImageFormat.Png));
        surface.Canvas.DrawBitmap(leftImage, 0, 0);
        surface.Canvas.DrawBitmap(rightImage, PanelWidth, 0);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>Sans-serif text and whole-epoch ticks on every plot.</summary>
    private static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(SansFont.Value);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        return plot;
    }
}
