using System.Text.RegularExpressions;
using Tuner.Coordinator.Reporting;

namespace Tuner.Coordinator.Tests.Reporting;

public sealed partial class StudyReportHtmlTests
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    [Fact]
    public void The_leaderboard_lists_trials_by_best_validation_accuracy()
    {
        var html = StudyReportHtml.Render(SyntheticStudy.Create(), Png, Png);

        var order = LeaderboardRow().Matches(html).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([3, 1, 5, 2, 4, 6], order);
        Assert.Contains("<tr class=\"best\" data-trial=\"3\"><td class=\"num\">1</td><td class=\"num\">3</td><td class=\"num\">1</td><td class=\"num\">0.9330</td><td class=\"num\">4</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_reads_as_the_seed_printed_it_with_the_best_hyperparameters()
    {
        var html = StudyReportHtml.Render(SyntheticStudy.Create(), Png, Png);

        Assert.Contains("Best val_accuracy So Far: 0.9330", html, StringComparison.Ordinal);
        Assert.Contains("Total elapsed time: 00h 13m 09s", html, StringComparison.Ordinal);
        var best = html[html.IndexOf("<table id=\"best-hyperparameters\">", StringComparison.Ordinal)..];
        best = best[..best.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Contains("<tr><td>learning_rate</td><td class=\"num\">0.0001</td></tr>", best, StringComparison.Ordinal);
        Assert.Contains("<tr><td>optimizer</td><td class=\"num\">adam, &quot;fast&quot;</td></tr>", best, StringComparison.Ordinal);
        Assert.DoesNotContain("num_units_2", best, StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_workers_and_test_result_are_shown()
    {
        var html = StudyReportHtml.Render(SyntheticStudy.Create(), Png, Png);

        Assert.Contains("<td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">2</td><td class=\"num\">4</td>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>worker-b</td><td class=\"num\">3</td><td class=\"num\">00h 09m 30s</td><td class=\"num\">72%</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("accuracy <b>0.9747</b>, loss <b>0.1607</b>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"history-plot\" src=\"data:image/png;base64,iVBORw==\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_string_from_the_data_is_encoded()
    {
        var html = StudyReportHtml.Render(SyntheticStudy.Create("<img src=x onerror=alert(1)>&\"'"), Png, Png);

        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;", html, StringComparison.Ordinal);
        Assert.Contains("failed: loss became NaN, &lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_needs_nothing_from_outside()
    {
        var html = StudyReportHtml.Render(SyntheticStudy.Create(), Png, Png);

        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_study_without_retraining_says_so()
    {
        var html = StudyReportHtml.Render(SyntheticStudy.Create(retrained: false), Png, null);

        Assert.Contains("ended without retraining", html, StringComparison.Ordinal);
        Assert.DoesNotContain("history-plot", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(789, "00h 13m 09s")]
    [InlineData(90061, "25h 01m 01s")]
    public void Elapsed_time_is_written_as_keras_tuner_does(int seconds, string expected) =>
        Assert.Equal(expected, StudyReportHtml.Elapsed(TimeSpan.FromSeconds(seconds)));

    [GeneratedRegex("<tr[^>]* data-trial=\"(\\d+)\"")]
    private static partial Regex LeaderboardRow();
}
