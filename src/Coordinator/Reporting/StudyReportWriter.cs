using System.Text;
using Tuner.Shared.Files;

namespace Tuner.Coordinator.Reporting;

/// <summary>Writes everything a person reads about a finished study into its directory, each file atomically.</summary>
public static class StudyReportWriter
{
    public const string ResultsCsvName = "results.csv";
    public const string ResultsJsonName = "results.json";
    public const string TrialsJsonName = "trials.json";
    public const string SearchPlotName = "search.png";
    public const string HistoryPlotName = "history.png";
    public const string ReportName = "report.html";

    public static StudyReportFiles Write(string studyDirectory, StudyResults results)
    {
        Directory.CreateDirectory(studyDirectory);
        string At(string name) => Path.Combine(studyDirectory, name);
        var rows = ResultRow.From(results);
        var searchPng = StudyPlots.Search(results.Trials);
        var historyPng = results.Retraining is { History.Count: > 0 } retraining ? StudyPlots.History(retraining.History) : null;

        Save(At(ResultsCsvName), Encoding.UTF8.GetBytes(ResultsCsv.Write(rows)));
        Save(At(ResultsJsonName), ResultsJson.WriteRows(rows));
        Save(At(TrialsJsonName), ResultsJson.WriteTrials(results.Trials));
        Save(At(SearchPlotName), searchPng);
        if (historyPng is not null)
        {
            Save(At(HistoryPlotName), historyPng);
        }
        Save(At(ReportName), Encoding.UTF8.GetBytes(StudyReportHtml.Render(results, searchPng, historyPng)));
        return new StudyReportFiles(
            At(ResultsCsvName), At(ResultsJsonName), At(TrialsJsonName), At(SearchPlotName),
            historyPng is null ? null : At(HistoryPlotName), At(ReportName));
    }

    private static void Save(string path, byte[] content) => AtomicFile.Write(path, stream => stream.Write(content));
}
