using System.Diagnostics;
using System.Text.RegularExpressions;
using Tuner.Coordinator.Reporting;

namespace Tuner.Coordinator.Tests.Reporting;

/// <summary>
/// Opens report.html from disk in headless Chromium (Debian's <c>chromium</c>; the tests skip, saying so, where it is
/// not installed). The last rendering stays in the temporary folder <c>tuner-report-chromium</c> for a person to look at.
/// </summary>
public sealed partial class ReportInChromiumTests
{
    private const string Chromium = "/usr/bin/chromium";

    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "tuner-report-chromium");

    [Fact]
    public void The_rendered_page_holds_the_leaderboard_and_both_plots()
    {
        Assert.SkipWhen(!File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y chromium to check the report in a browser");
        var files = StudyReportWriter.Write(Path.Combine(Folder, "dom"), SyntheticStudy.Create());

        var dom = RunChromium(files.Report, "--dump-dom");

        var rows = LeaderboardRow().Matches(dom).Select(m => m.Groups[1].Value);
        Assert.Equal(["3", "1", "5", "2", "4", "6"], rows);
        Assert.Contains("id=\"search-plot\"", dom, StringComparison.Ordinal);
        Assert.Contains("id=\"history-plot\"", dom, StringComparison.Ordinal);
        Assert.Contains("Best val_accuracy So Far: 0.9330", dom, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_images_load_in_the_browser()
    {
        Assert.SkipWhen(!File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y chromium to check the report in a browser");
        var files = StudyReportWriter.Write(Path.Combine(Folder, "images"), SyntheticStudy.Create());
        // A copy of the report with an inline probe that writes what the browser decoded into the DOM.
        var probe = Path.Combine(Folder, "images", "probe.html");
        File.WriteAllText(probe, File.ReadAllText(files.Report).Replace("</body>", """
            <script>
            window.addEventListener('load', () => {
              document.body.setAttribute('data-images', [...document.images].map(i => i.id + '=' + i.naturalWidth + 'x' + i.naturalHeight).join(' '));
            });
            </script>
            </body>
            """, StringComparison.Ordinal));

        var dom = RunChromium(probe, "--dump-dom");

        var loaded = DecodedImages().Match(dom);
        Assert.True(loaded.Success, "the probe did not run: " + dom[..Math.Min(dom.Length, 300)]);
        Assert.Equal(
            $"history-plot={StudyPlots.PanelWidth * 2}x{StudyPlots.PanelHeight} search-plot={StudyPlots.PanelWidth * 2}x{StudyPlots.PanelHeight + 120}",
            loaded.Groups[1].Value);
    }

    [Fact]
    public void The_screenshot_shows_a_page_with_pictures()
    {
        Assert.SkipWhen(!File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y chromium to check the report in a browser");
        var files = StudyReportWriter.Write(Path.Combine(Folder, "screenshot"), SyntheticStudy.Create());
        var screenshot = Path.Combine(Folder, "screenshot.png");
        File.Delete(screenshot);

        RunChromium(files.Report, $"--screenshot={screenshot}");

        using var image = PngImage.Load(screenshot);
        Assert.Equal((1280, 2000), (image.Width, image.Height));
        Assert.InRange(image.InkShare(), 0.05, 0.9);
        Assert.True(image.CountNear(SkiaSharp.SKColor.Parse("#1f77b4")) > 200, "no plot line is visible in the screenshot");
    }

    private static string RunChromium(string page, string action)
    {
        var profile = Directory.CreateTempSubdirectory("tuner-chromium-profile-");
        try
        {
            var start = new ProcessStartInfo(Chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList =
                {
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    $"--user-data-dir={profile.FullName}", "--window-size=1280,2000", action, new Uri(page).AbsoluteUri,
                },
            };
            using var chromium = Process.Start(start)!;
            var output = chromium.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var errors = chromium.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            if (!chromium.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                chromium.Kill(entireProcessTree: true);
                Assert.Fail("chromium did not finish within 90 s");
            }
            Assert.True(chromium.ExitCode == 0, $"chromium exited with {chromium.ExitCode}: {errors.Result}");
            return output.Result;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    [GeneratedRegex("<tr[^>]* data-trial=\"(\\d+)\"")]
    private static partial Regex LeaderboardRow();

    [GeneratedRegex("data-images=\"([^\"]*)\"")]
    private static partial Regex DecodedImages();
}
