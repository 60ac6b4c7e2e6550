using System.Data.Common;
using LinqToDB;
using Microsoft.Data.Sqlite;
using Microsoft.Win32.SafeHandles;

namespace Tuner.Coordinator.Persistence;

/// <summary>
/// How the SQL plugin opens the study's SQLite files: with a write-ahead log, committing without an fsync. A commit
/// then survives the coordinator's process dying (the log is in the operating system's hands); a power cut can lose
/// the last commits, never corrupt the file, and their runs are trained again on resume. SQLite's default (a rollback
/// journal, synchronous=FULL) synced the disk several times per commit, and every assignment waited for that.
/// </summary>
public static class SqliteDurability
{
    // journal_mode is kept in the file: the first connection switches a study an older tuner journaled in rollback
    // mode, and on a file already in WAL mode it changes nothing. synchronous belongs to each connection, pooled ones
    // included, so every opening sets it again (a few microseconds, no I/O).
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";

    /// <summary>linq2db options for one SQLite file, given to the plugin through <c>MultiDataOptionsSetup</c>.</summary>
    public static DataOptions Options(string connectionString) => new DataOptions()
        .UseConnectionString(ProviderName.SQLiteMS, connectionString)
        .UseAfterConnectionOpened(Configure);

    /// <summary>
    /// Closes the pooled connections to the file once the study stops: SQLite folds the log back into the file and
    /// deletes it with the last connection, so a study that ended cleanly is one file again, whole when copied.
    /// </summary>
    public static void Release(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>
    /// Puts every commit made so far on disk, as synchronous=FULL would after each one. A log that is not there (the
    /// last connection folded it back into the file, with an fsync) needs nothing.
    /// </summary>
    public static void Sync(string log)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return;
        }
        // SQLite keeps no locks on the log itself (they live in the -shm file), so closing this handle releases none of its.
        using (handle)
        {
            RandomAccess.FlushToDisk(handle);
        }
    }

    private static void Configure(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
