using Tuner.Coordinator.Reporting;

namespace Tuner.Coordinator.Tests.Reporting;

public sealed class StudyReportWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tuner-report-").FullName;

    [Fact]
    public void Writes_every_file_into_the_study_directory_and_leaves_no_temporary_files()
    {
        var files = StudyReportWriter.Write(Path.Combine(_directory, "runs", "mnist-small"), SyntheticStudy.Create());

        Assert.Equal(
            ["history.png", "report.html", "results.csv", "results.json", "search.png", "trials.json"],
            Directory.GetFiles(Path.GetDirectoryName(files.Report)!).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(files.All, path => Assert.True(new FileInfo(path).Length > 0, path));
        using var history = PngImage.Load(files.HistoryPlot!);
        Assert.True(history.InkShare() > 0.02);
        Assert.Equal(ResultRow.From(SyntheticStudy.Create()), ResultsCsv.Read(File.ReadAllText(files.ResultsCsv)));
    }

    [Fact]
    public void Without_retraining_there_is_no_history_plot()
    {
        var files = StudyReportWriter.Write(_directory, SyntheticStudy.Create(retrained: false));

        Assert.Null(files.HistoryPlot);
        Assert.False(File.Exists(Path.Combine(_directory, StudyReportWriter.HistoryPlotName)));
        Assert.Contains("ended without retraining", File.ReadAllText(files.Report), StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_again_replaces_the_report()
    {
        StudyReportWriter.Write(_directory, SyntheticStudy.Create("first"));

        var files = StudyReportWriter.Write(_directory, SyntheticStudy.Create("second"));

        Assert.Contains("second", File.ReadAllText(files.Report), StringComparison.Ordinal);
        Assert.DoesNotContain("first", File.ReadAllText(files.ResultsCsv), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
