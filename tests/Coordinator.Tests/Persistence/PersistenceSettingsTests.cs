using System.CommandLine;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Db;
using LinqToDB;
using Tuner.Coordinator.Commands;
using Tuner.Coordinator.Persistence;

namespace Tuner.Coordinator.Tests.Persistence;

public sealed class PersistenceSettingsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"journal-settings-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private (int ExitCode, string Error) Tune(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = TunerCommandLine.Build().Parse(["tune", "--local", "--plain", "--output", _directory, .. args])
            .Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, error.ToString());
    }

    [Fact]
    public void Sqlite_by_default_keeps_the_journal_in_the_study_directory_and_snapshots_in_a_file_of_their_own()
    {
        var config = new PersistenceSettings().ToConfig(_directory);

        Assert.Equal("akka.persistence.journal.sql", config.GetString("akka.persistence.journal.plugin"));
        Assert.Equal("akka.persistence.snapshot-store.sql", config.GetString("akka.persistence.snapshot-store.plugin"));
        Assert.Equal($"Data Source={Path.Combine(_directory, "journal.db")}", config.GetString("akka.persistence.journal.sql.connection-string"));
        Assert.Equal($"Data Source={Path.Combine(_directory, "snapshots.db")}", config.GetString("akka.persistence.snapshot-store.sql.connection-string"));
        Assert.Equal("SQLite.MS", config.GetString("akka.persistence.snapshot-store.sql.provider-name"));
    }

    [Fact]
    public void Every_connection_the_plugin_opens_to_a_sqlite_file_logs_ahead_and_commits_without_an_fsync()
    {
        var settings = new PersistenceSettings();
        var config = settings.ToConfig(_directory);
        var setup = (MultiDataOptionsSetup)settings.ToSetup(_directory);
        var journal = config.GetConfig(config.GetString("akka.persistence.journal.plugin"));
        var snapshots = config.GetConfig(config.GetString("akka.persistence.snapshot-store.plugin"));
        Assert.True(setup.TryGetDataOptionsFor(journal.GetString("plugin-id"), out var journalOptions), "no connection options for the journal");
        Assert.True(setup.TryGetDataOptionsFor(snapshots.GetString("plugin-id"), out var snapshotOptions), "no connection options for the snapshots");

        // The plugin's own connection factories, configured as its journal and snapshot store configure them.
        var journalFactory = new AkkaPersistenceDataConnectionFactory(new JournalConfig(journal.WithFallback(SqlPersistence.DefaultJournalConfiguration)).WithDataOptions(journalOptions!));
        var snapshotFactory = new AkkaPersistenceDataConnectionFactory(new SnapshotConfig(snapshots.WithFallback(SqlPersistence.DefaultSnapshotConfiguration)).WithDataOptions(snapshotOptions!));
        foreach (var factory in new[] { journalFactory, snapshotFactory, journalFactory, snapshotFactory })
        {
            using var connection = factory.GetConnection();
            var opened = connection.SelectQuery(() => new
            {
                Mode = Sql.Expr<string>("(SELECT journal_mode FROM pragma_journal_mode)"),
                Synchronous = Sql.Expr<long>("(SELECT synchronous FROM pragma_synchronous)"),
            }).Single();
            Assert.Equal(("wal", 1L), (opened.Mode, opened.Synchronous));
        }
        Assert.True(File.Exists(Path.Combine(_directory, "journal.db")));
        Assert.True(File.Exists(Path.Combine(_directory, "snapshots.db")));
    }

    [Fact]
    public void Postgresql_connections_are_opened_from_the_configuration_alone()
    {
        var settings = new PersistenceSettings { Provider = "postgresql", ConnectionString = "Host=db;Database=tuner" };
        var setup = (MultiDataOptionsSetup)settings.ToSetup(_directory);

        Assert.False(setup.TryGetDataOptionsFor("akka.persistence.journal.sql", out _));
        Assert.False(setup.TryGetDataOptionsFor("akka.persistence.snapshot-store.sql", out _));
        Assert.False(Directory.Exists(_directory));
    }

    [Fact]
    public void A_postgresql_connection_string_is_passed_through_as_written()
    {
        const string connection = "Host=db;Database=tuner;Username=tuner;Password=p\"a\\ss";
        var config = new PersistenceSettings { Provider = "postgresql", ConnectionString = connection }.ToConfig(_directory);

        Assert.Equal(connection, config.GetString("akka.persistence.journal.sql.connection-string"));
        Assert.Equal(connection, config.GetString("akka.persistence.snapshot-store.sql.connection-string"));
        Assert.StartsWith("PostgreSQL", config.GetString("akka.persistence.journal.sql.provider-name"), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_directory));
    }

    [Fact]
    public void An_unknown_provider_is_refused_with_exit_code_2_naming_the_choices()
    {
        var (exitCode, error) = Tune("--journal", "oracle");

        Assert.Equal(2, exitCode);
        Assert.Contains("Persistence:Provider (--journal) must be sqlite or postgresql, not 'oracle'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgresql_without_a_connection_string_is_refused_with_exit_code_2_saying_how_to_give_one()
    {
        var (exitCode, error) = Tune("--journal", "postgresql");

        Assert.Equal(2, exitCode);
        Assert.Contains("--journal-connection", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_and_overwrite_together_are_refused()
    {
        var (exitCode, error) = Tune("--resume", "--overwrite");

        Assert.Equal(2, exitCode);
        Assert.Contains("--resume and --overwrite exclude each other", error, StringComparison.Ordinal);
    }
}
