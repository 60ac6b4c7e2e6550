using System.Text;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using Microsoft.Data.Sqlite;

namespace Tuner.Coordinator.Persistence;

/// <summary>
/// Where the coordinator journals its study; bound from the "Persistence" section (e.g. <c>Persistence__Provider</c>,
/// <c>Persistence__ConnectionString</c>, or the flags <c>--journal</c> and <c>--journal-connection</c>).
/// </summary>
public sealed class PersistenceSettings
{
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";

    /// <summary><c>sqlite</c> (embedded, <c>journal.db</c> in the study directory) or <c>postgresql</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Required for postgresql; for sqlite it replaces the default file in the study directory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// A snapshot of the study every this many journal events keeps recovery short; once the study holds more runs
    /// than this, every as many events as it holds runs (a snapshot's cost grows with the study).
    /// </summary>
    public int SnapshotEvery { get; set; } = 100;

    public void Validate()
    {
        if (Provider is not (Sqlite or PostgreSql))
        {
            throw new ArgumentException($"Persistence:Provider (--journal) must be {Sqlite} or {PostgreSql}, not '{Provider}'");
        }
        if (Provider == PostgreSql && string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException(
                "the postgresql journal needs a connection string: give --journal-connection \"Host=db;Database=tuner;Username=tuner;Password=...\" or set Persistence:ConnectionString");
        }
        if (SnapshotEvery < 1)
        {
            throw new ArgumentException($"Persistence:SnapshotEvery must be at least 1, got {SnapshotEvery}");
        }
    }

    /// <summary>The journal and snapshot store configuration for a study kept in <paramref name="studyDirectory"/>.</summary>
    public Config ToConfig(string studyDirectory)
    {
        Validate();
        if (InStudyDirectory)
        {
            Directory.CreateDirectory(studyDirectory);
        }
        var provider = Provider == Sqlite ? LinqToDB.ProviderName.SQLiteMS : LinqToDB.ProviderName.PostgreSQL15;
        string Store(string sqliteFile) =>
            $"connection-string = {Quote(ConnectionTo(studyDirectory, sqliteFile))}\nprovider-name = {Quote(provider)}\nauto-initialize = on";
        // Snapshots in a file of their own: SQLite writes one transaction per file at a time, and a snapshot (every run
        // of the study) written into the journal's file held back the journal's writes, and every assignment behind them.
        var hocon = $$"""
            akka.persistence.journal.plugin = "{{JournalPlugin}}"
            {{JournalPlugin}} { {{Store(JournalFile)}} }
            akka.persistence.snapshot-store.plugin = "{{SnapshotPlugin}}"
            {{SnapshotPlugin}} { {{Store(SnapshotFile)}} }
            akka.actor.serializers.tuner-journal = "{{typeof(StudyJournalSerializer).FullName}}, {{typeof(StudyJournalSerializer).Assembly.GetName().Name}}"
            akka.actor.serialization-bindings { "{{typeof(IStudyJournalEntry).FullName}}, {{typeof(IStudyJournalEntry).Assembly.GetName().Name}}" = tuner-journal }
            """;
        return ConfigurationFactory.ParseString(hocon).WithFallback(SqlPersistence.DefaultConfiguration);
    }

    /// <summary>
    /// What the configuration cannot say: how each SQLite connection is opened (<see cref="SqliteDurability"/>).
    /// Nothing for PostgreSQL, which the plugin opens from the configuration alone.
    /// </summary>
    public Setup ToSetup(string studyDirectory)
    {
        Validate();
        var setup = new MultiDataOptionsSetup();
        if (Provider == Sqlite)
        {
            setup.AddDataOptions(JournalPlugin, SqliteDurability.Options(ConnectionTo(studyDirectory, JournalFile)));
            setup.AddDataOptions(SnapshotPlugin, SqliteDurability.Options(ConnectionTo(studyDirectory, SnapshotFile)));
        }
        return setup;
    }

    /// <summary>Once the study's actor system has stopped: see <see cref="SqliteDurability.Release"/>.</summary>
    public void ReleaseFiles(string studyDirectory)
    {
        if (Provider == Sqlite)
        {
            SqliteDurability.Release(ConnectionTo(studyDirectory, JournalFile));
            SqliteDurability.Release(ConnectionTo(studyDirectory, SnapshotFile));
        }
    }

    /// <summary>The journal's write-ahead log when it is a SQLite file: see <see cref="StudyStorage.UnsyncedLog"/>.</summary>
    public string? UnsyncedLog(string studyDirectory) =>
        Provider == Sqlite ? $"{new SqliteConnectionStringBuilder(ConnectionTo(studyDirectory, JournalFile)).DataSource}-wal" : null;

    private const string JournalPlugin = "akka.persistence.journal.sql";
    private const string SnapshotPlugin = "akka.persistence.snapshot-store.sql";
    private const string JournalFile = "journal.db";
    private const string SnapshotFile = "snapshots.db";

    private bool InStudyDirectory => Provider == Sqlite && string.IsNullOrWhiteSpace(ConnectionString);

    private string ConnectionTo(string studyDirectory, string sqliteFile) =>
        InStudyDirectory ? $"Data Source={Path.GetFullPath(Path.Combine(studyDirectory, sqliteFile))}" : ConnectionString!;

    private static string Quote(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c is '"' or '\\' ? $"\\{c}" : c.ToString());
        }
        return quoted.Append('"').ToString();
    }
}
