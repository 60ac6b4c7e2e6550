namespace Tuner.Coordinator.Reporting;

/// <summary>Where the report of a study was written; <see cref="HistoryPlot"/> is missing without retraining.</summary>
public sealed record StudyReportFiles(
    string ResultsCsv,
    string ResultsJson,
    string TrialsJson,
    string SearchPlot,
    string? HistoryPlot,
    string Report)
{
    public IEnumerable<string> All => new[] { ResultsCsv, ResultsJson, TrialsJson, SearchPlot, HistoryPlot, Report }.OfType<string>();
}
