using System.CommandLine;
using Microsoft.Data.Sqlite;
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

    [Fact]
    public void A_damaged_journal_stops_tune_with_what_to_do_and_is_left_as_it_was()
    {
        using var data = new SyntheticIdx();
        var files = data.WriteDataset([.. Enumerable.Range(0, 200).Select(i => (byte)(i % 10))], [.. Enumerable.Range(0, 100).Select(i => (byte)(i % 10))], gzip: false);
        var study = Path.Combine(_directory, "study");
        string[] tune = ["tune", "--local", "--plain", "--workers", "1", "--max-epochs", "1", "--factor", "2", "--iterations", "1", "--retrain-epochs", "0",
            "--output", study, "--train-images", files[0], "--train-labels", files[1], "--test-images", files[2], "--test-labels", files[3]];
        Assert.Equal(0, TunerCommandLine.Build().Parse(tune).Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = new StringWriter() }));
        var journal = Path.Combine(study, "journal.db");
        // A study that ended is one file again: its write-ahead log was folded back in when the coordinator stopped.
        Assert.False(File.Exists($"{journal}-wal"), "the write-ahead log outlived the study");
        using (var connection = new SqliteConnection($"Data Source={journal};Pooling=False"))
        {
            connection.Open();
            using var mode = connection.CreateCommand();
            mode.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", mode.ExecuteScalar());
            using var damage = connection.CreateCommand();
            damage.CommandText = "UPDATE journal SET message = X'7B2262616422' WHERE ordering = 2";
            Assert.Equal(1, damage.ExecuteNonQuery());
        }
        // Closing the last connection put the damage into the file itself.
        Assert.False(File.Exists($"{journal}-wal"));
        var damaged = File.ReadAllBytes(journal);
        var error = new StringWriter();

        var exitCode = TunerCommandLine.Build().Parse(tune).Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = error });

        Assert.Equal(2, exitCode);
        Assert.Contains("journal", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("could not be read: malformed journal entry 'run-started/", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--overwrite", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists($"{journal}-wal"), "the refused run left a write-ahead log that may hold changes");
        Assert.Equal(damaged, File.ReadAllBytes(journal));
    }
}
