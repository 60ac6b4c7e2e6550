using System.CommandLine;
using Tuner.Coordinator.Commands;

namespace Tuner.Coordinator.Tests.Commands;

public sealed class TuneCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"tune-command-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Unreadable_data_stops_tune_before_the_study_starts_and_leaves_no_journal()
    {
        Directory.CreateDirectory(_directory);
        var truncated = Path.Combine(_directory, "truncated.idx");
        File.WriteAllBytes(truncated, [0, 0]);
        var study = Path.Combine(_directory, "study");
        var error = new StringWriter();

        var exitCode = TunerCommandLine.Build()
            .Parse(["tune", "--local", "--plain", "--workers", "1", "--output", study,
                "--train-images", truncated, "--train-labels", truncated, "--test-images", truncated, "--test-labels", truncated])
            .Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = error });

        Assert.Equal(2, exitCode);
        Assert.Contains(truncated, error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(study, "journal.db")), "a study whose data cannot be read must not be journaled");
    }
}
