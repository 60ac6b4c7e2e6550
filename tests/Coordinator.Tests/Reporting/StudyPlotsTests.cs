using SkiaSharp;
using Tuner.Coordinator.Reporting;

namespace Tuner.Coordinator.Tests.Reporting;

public sealed class StudyPlotsTests
{
    private static readonly SKColor BracketZero = SKColor.Parse("#1f77b4");
    private static readonly SKColor BracketOne = SKColor.Parse("#ff7f0e");

    [Fact]
    public void The_search_plot_draws_each_bracket_in_its_own_colour()
    {
        using var image = PngImage.Decode(StudyPlots.Search(SyntheticStudy.Create().Trials));

        Assert.Equal((StudyPlots.PanelWidth * 2, StudyPlots.PanelHeight + 120), (image.Width, image.Height));
        Assert.InRange(image.InkShare(), 0.02, 0.6);
        Assert.True(image.CountNear(BracketZero) > 200, "bracket 0's lines are missing");
        Assert.True(image.CountNear(BracketOne) > 200, "bracket 1's lines are missing");
    }

    [Fact]
    public void The_history_plot_has_accuracy_and_loss_panels_side_by_side()
    {
        using var image = PngImage.Decode(StudyPlots.History(SyntheticStudy.Create().Retraining!.History));

        Assert.Equal((StudyPlots.PanelWidth * 2, StudyPlots.PanelHeight), (image.Width, image.Height));
        Assert.InRange(image.InkShare(0, StudyPlots.PanelWidth, 0, image.Height), 0.02, 0.6);
        Assert.InRange(image.InkShare(StudyPlots.PanelWidth, image.Width, 0, image.Height), 0.02, 0.6);
        Assert.True(image.CountNear(BracketZero) > 100, "the training series is missing");
        Assert.True(image.CountNear(BracketOne) > 100, "the validation series is missing");
    }

    [Fact]
    public void Titles_are_drawn_so_fonts_are_available()
    {
        // Without any font Skia draws no text and the band above the data area stays white:
        // install fonts-dejavu-core (.ci/run does) when this fails.
        Assert.True(SKFontManager.Default.FontFamilyCount > 0, "no fonts found: apt-get install fonts-dejavu-core");
        using var image = PngImage.Decode(StudyPlots.Search(SyntheticStudy.Create().Trials));

        Assert.True(image.InkShare(0, image.Width, 0, 30) > 0.003, "the title band is blank: plot text is not rendered");
    }

    [Fact]
    public void A_study_without_epochs_still_plots_an_empty_search()
    {
        var trials = SyntheticStudy.Create().Trials.Select(t => t with { Runs = [] }).ToList();

        using var image = PngImage.Decode(StudyPlots.Search(trials));

        Assert.True(image.Width > 0);
    }
}
