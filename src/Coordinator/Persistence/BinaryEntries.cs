using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Runtime.Serialization;
using Tuner.Coordinator.Coordination;
using Tuner.Shared.Checkpoints;
using Tuner.Shared.Protocol;
using Tuner.Shared.Protocol.Binary;

namespace Tuner.Coordinator.Persistence;

/// <summary>
/// The entries journaled once or more per result, in the protocol's binary form (<see cref="WireWriter"/>): fields in
/// a fixed order, little-endian, no names. The manifest is the version; a change of layout takes a new manifest. As
/// JSON (doubles formatted as text, the checkpoint as base64), then written into SQL as hex, they cost the journal more
/// than its database did.
/// </summary>
public static class BinaryEntries
{
    public const string SnapshotManifest = "ledger-snapshot/3";

    // The fewest bytes a run and a checkpoint's manifest take, so that a count the entry cannot hold is refused before
    // anything is allocated.
    private const int RunBytes = 6 * 4 + 4 + 4 + 4 + 8;
    private const int CheckpointBytes = 4 + 8 + 4 + 4;

    public static FrozenDictionary<Type, string> Manifests { get; } = new Dictionary<Type, string>
    {
        [typeof(RunStarted)] = "run-started/2",
        [typeof(RunCompleted)] = "run-completed/3",
        [typeof(RunFailed)] = "run-failed/2",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, Type> TypesByManifest =
        Manifests.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static byte[] Write(IStudyJournalEntry entry)
    {
        var writer = new WireWriter();
        switch (entry)
        {
            case RunStarted started:
                writer.Int32(started.TrialId);
                writer.Int32(started.Attempt);
                break;
            case RunCompleted completed:
                Write(writer, completed.Run);
                writer.Double(completed.ValAccuracy);
                BinaryMessages.WriteManifest(writer, completed.Checkpoint);
                writer.OptionalBytes(completed.Bytes);
                break;
            case RunFailed failed:
                Write(writer, failed.Run);
                writer.Text(failed.Reason);
                break;
            default:
                throw new ArgumentException($"{entry.GetType()} has no binary form", nameof(entry));
        }
        return writer.ToArray();
    }

    /// <summary>Reads an entry of one of <see cref="Manifests"/>; false for any other manifest.</summary>
    /// <exception cref="SerializationException">the bytes are not a well-formed entry of that manifest.</exception>
    public static bool TryRead(byte[] bytes, string manifest, out IStudyJournalEntry entry)
    {
        if (!TypesByManifest.TryGetValue(manifest, out var type))
        {
            entry = null!;
            return false;
        }
        var reader = new WireReader(bytes, manifest, "journal entry");
        entry = type == typeof(RunStarted) ? new RunStarted(reader.Int32("the trial"), reader.Int32("the attempt"))
            : type == typeof(RunCompleted) ? ReadCompleted(ref reader)
            : new RunFailed(ReadRun(ref reader), reader.Text("the failure reason"));
        reader.End();
        return true;
    }

    /// <summary>
    /// A snapshot, binary but for its first event (<paramref name="started"/>: the study-started entry as the journal
    /// writes it) and the engine's state (its own JSON): a snapshot holds every run, and as JSON (every double formatted
    /// as text) taking one stalled the coordinator for a third of a second at 10,000 runs.
    /// </summary>
    public static byte[] WriteSnapshot(LedgerSnapshot snapshot, byte[] started)
    {
        var writer = new WireWriter();
        writer.OptionalBytes(started);
        writer.Text(snapshot.Engine);
        writer.Int32(snapshot.Runs.Length);
        foreach (var run in snapshot.Runs)
        {
            Write(writer, run);
        }
        writer.Int32(snapshot.Checkpoints.Length);
        foreach (var checkpoint in snapshot.Checkpoints)
        {
            BinaryMessages.WriteManifest(writer, checkpoint);
        }
        writer.Boolean(snapshot.CompletedAt is not null);
        if (snapshot.CompletedAt is { } completedAt)
        {
            writer.Int64(completedAt.UtcTicks);
            writer.Int64(completedAt.Offset.Ticks);
        }
        var bytes = snapshot.CheckpointBytes ?? ImmutableDictionary<string, byte[]>.Empty;
        writer.Int32(bytes.Count);
        foreach (var (id, checkpoint) in bytes)
        {
            writer.Text(id);
            writer.OptionalBytes(checkpoint);
        }
        return writer.ToArray();
    }

    /// <summary>Reads what <see cref="WriteSnapshot"/> wrote; <paramref name="readStarted"/> reads its study-started entry.</summary>
    /// <exception cref="SerializationException">the bytes are not a well-formed snapshot.</exception>
    public static LedgerSnapshot ReadSnapshot(byte[] bytes, Func<byte[], StudyStarted> readStarted)
    {
        var reader = new WireReader(bytes, SnapshotManifest, "journal entry");
        var started = readStarted(reader.OptionalBytes("the study-started entry", bytes.Length) ?? throw reader.Malformed("the study-started entry is missing"));
        var engine = reader.Text("the engine's state");
        var runs = new RunRecord[reader.Count("the runs", RunBytes)];
        for (var i = 0; i < runs.Length; i++)
        {
            runs[i] = ReadRun(ref reader);
        }
        var checkpoints = new CheckpointManifest[reader.Count("the checkpoints", CheckpointBytes)];
        for (var i = 0; i < checkpoints.Length; i++)
        {
            checkpoints[i] = BinaryMessages.ReadManifest(ref reader);
        }
        DateTimeOffset? completedAt = reader.Boolean("whether the study completed") ? ReadTime(ref reader, "when the study completed") : null;
        var held = ImmutableDictionary.CreateBuilder<string, byte[]>(StringComparer.Ordinal);
        for (var i = reader.Count("the checkpoints kept in the journal", 8); i > 0; i--)
        {
            var id = reader.Text("a kept checkpoint's id");
            held[id] = reader.OptionalBytes("a kept checkpoint's bytes", CheckpointShelf.InlineLimit) ?? throw reader.Malformed($"checkpoint {id} is kept without its bytes");
        }
        reader.End();
        return new LedgerSnapshot(started, engine, ImmutableCollectionsMarshal.AsImmutableArray(runs), ImmutableCollectionsMarshal.AsImmutableArray(checkpoints), completedAt, held.ToImmutable());
    }

    private static DateTimeOffset ReadTime(ref WireReader reader, string field)
    {
        var (utcTicks, offset) = (reader.Int64(field), TimeSpan.FromTicks(reader.Int64($"the time zone of {field}")));
        var inRange = (long ticks) => ticks is >= 0 && ticks <= DateTime.MaxValue.Ticks;
        if (!inRange(utcTicks) || !inRange(utcTicks + offset.Ticks) || offset.Duration() > TimeSpan.FromHours(14) || offset.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            throw reader.Malformed($"{field} is no time: {utcTicks} ticks at an offset of {offset}");
        }
        return new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(offset);
    }

    private static RunCompleted ReadCompleted(ref WireReader reader)
    {
        var run = ReadRun(ref reader);
        var score = reader.Double("the score");
        var checkpoint = BinaryMessages.ReadManifest(ref reader);
        return new RunCompleted(run, score, checkpoint, reader.OptionalBytes("the checkpoint bytes", CheckpointShelf.InlineLimit));
    }

    private static void Write(WireWriter writer, RunRecord run)
    {
        foreach (var number in (ReadOnlySpan<int>)[run.TrialId, run.Attempt, run.Bracket, run.Rung, run.FromEpoch, run.ToEpoch])
        {
            writer.Int32(number);
        }
        writer.Text(run.WorkerId);
        BinaryMessages.Write(writer, run.Outcome);
    }

    private static RunRecord ReadRun(ref WireReader reader)
    {
        var (trial, attempt, bracket, rung) = (reader.Int32("the trial"), reader.Int32("the attempt"), reader.Int32("the bracket"), reader.Int32("the rung"));
        var (from, to, workerId) = (reader.Int32("the first epoch"), reader.Int32("the last epoch"), reader.Text("the worker id"));
        return new RunRecord(trial, attempt, bracket, rung, from, to, workerId, BinaryMessages.ReadOutcome(ref reader));
    }
}
