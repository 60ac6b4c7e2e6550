using Microsoft.Data.Sqlite;
using Tuner.Coordinator.Persistence;

namespace Tuner.Coordinator.Tests.Persistence;

public sealed class CheckpointFilesTests : IDisposable
{
    private readonly DirectoryInfo _study = Directory.CreateTempSubdirectory("checkpoint-files-");

    public void Dispose() => _study.Delete(recursive: true);

    private string Checkpoints => Path.Combine(_study.FullName, "checkpoints");

    [Fact]
    public void A_checkpoint_stays_when_the_journal_log_cannot_be_synced_before_its_deletion()
    {
        // A folder where the log should be: opening it to sync fails, as a failing disk would.
        var unsyncable = Directory.CreateDirectory(Path.Combine(_study.FullName, "journal.db-wal")).FullName;
        var files = new CheckpointFiles(Checkpoints, unsyncable);
        files.Save("t1-e2", [1, 2, 3]);

        Assert.Throws<UnauthorizedAccessException>(() => files.Delete(["t1-e2"]));
        Assert.Equal(["t1-e2"], files.Ids());

        // Nothing on disk to delete (a checkpoint kept in the journal): the log is not touched.
        files.Delete(["t2-e2"]);
    }

    [Fact]
    public void Deleting_checkpoints_syncs_a_live_journal_log_without_disturbing_its_connections()
    {
        var journal = Path.Combine(_study.FullName, "journal.db");
        using var writer = new SqliteConnection($"Data Source={journal};Pooling=False");
        writer.Open();
        Execute(writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE entries (n INTEGER)");
        Execute(writer, "INSERT INTO entries VALUES (1)");
        using var reader = new SqliteConnection($"Data Source={journal};Pooling=False");
        reader.Open();
        using var reading = reader.BeginTransaction(deferred: true);
        Assert.Equal(1L, Scalar(reader, "SELECT count(*) FROM entries", reading));

        var files = new CheckpointFiles(Checkpoints, $"{journal}-wal");
        files.Save("t1-e2", [1, 2, 3]);
        files.Save("t2-e2", [4]);
        files.Delete(["t1-e2", "t3-e1"]);

        Assert.Equal(["t2-e2"], files.Ids());
        // The reader's snapshot and the writer's locks are intact: closing the sync's handle released none of them.
        Execute(writer, "INSERT INTO entries VALUES (2)");
        Assert.Equal(1L, Scalar(reader, "SELECT count(*) FROM entries", reading));
        reading.Commit();
        Assert.Equal(2L, Scalar(reader, "SELECT count(*) FROM entries"));
    }

    [Fact]
    public void Without_a_log_beside_the_journal_checkpoints_are_deleted_as_they_are()
    {
        var files = new CheckpointFiles(Checkpoints, Path.Combine(_study.FullName, "journal.db-wal"));
        files.Save("t1-e2", [1]);

        files.Delete(["t1-e2"]);

        Assert.Empty(files.Ids());
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command.ExecuteScalar();
    }
}
