namespace Tuner.Coordinator.SearchSpaces;

/// <summary>
/// What a study optimizes. Only validation accuracy, maximized, is measured by the trial workers today; the study file
/// names it so that files stay valid when other metrics arrive.
/// </summary>
public sealed record Objective(string Metric, string Direction)
{
    public static Objective ValidationAccuracy { get; } = new("val_accuracy", "maximize");
}
