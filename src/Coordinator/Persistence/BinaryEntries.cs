using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Runtime.Serialization;
using System.Text;
using Tuner.Coordinator.Coordination;
using Tuner.Shared.Protocol;
using Tuner.Shared.Trials;

namespace Tuner.Coordinator.Persistence;

/// <summary>
/// The entries journaled once or more per result, in a compact binary form: fields in a fixed order, little-endian,
/// strings as a length and UTF-8, no names. The manifest is the version; a change of layout takes a new manifest.
/// As JSON (doubles formatted as text, the checkpoint as base64), then written into SQL as hex, they cost the journal
/// more than its database did.
/// </summary>
public static class BinaryEntries
{
    // The fewest bytes an epoch takes, so that a count the entry cannot hold is refused before anything is allocated.
    private const int EpochBytes = 4 + 4 * 8 + 8;

    // The length written for an absent string or byte array.
    private const int Missing = -1;

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
        var buffer = new ArrayBufferWriter<byte>(256);
        switch (entry)
        {
            case RunStarted started:
                Int32(buffer, started.TrialId);
                Int32(buffer, started.Attempt);
                break;
            case RunCompleted completed:
                Write(buffer, completed.Run);
                Double(buffer, completed.ValAccuracy);
                Text(buffer, completed.Checkpoint.CheckpointId);
                Int64(buffer, completed.Checkpoint.Length);
                Int32(buffer, completed.Checkpoint.Chunks);
                Text(buffer, completed.Checkpoint.Sha256);
                Int32(buffer, completed.Bytes?.Length ?? Missing);
                buffer.Write(completed.Bytes);
                break;
            case RunFailed failed:
                Write(buffer, failed.Run);
                Text(buffer, failed.Reason);
                break;
            default:
                throw new ArgumentException($"{entry.GetType()} has no binary form", nameof(entry));
        }
        return buffer.WrittenSpan.ToArray();
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
        var reader = new Reader(bytes, manifest);
        entry = type == typeof(RunStarted) ? new RunStarted(reader.Int32("the trial"), reader.Int32("the attempt"))
            : type == typeof(RunCompleted) ? ReadCompleted(ref reader)
            : new RunFailed(ReadRun(ref reader), reader.Text("the failure reason"));
        reader.End();
        return true;
    }

    private static RunCompleted ReadCompleted(ref Reader reader)
    {
        var run = ReadRun(ref reader);
        var score = reader.Double("the score");
        var checkpoint = new CheckpointManifest(reader.Text("the checkpoint id"), reader.Int64("the checkpoint length"), reader.Int32("the checkpoint chunks"), reader.Text("the checkpoint hash"));
        return new RunCompleted(run, score, checkpoint, reader.OptionalBytes("the checkpoint bytes"));
    }

    private static void Write(ArrayBufferWriter<byte> buffer, RunRecord run)
    {
        foreach (var number in (ReadOnlySpan<int>)[run.TrialId, run.Attempt, run.Bracket, run.Rung, run.FromEpoch, run.ToEpoch])
        {
            Int32(buffer, number);
        }
        Text(buffer, run.WorkerId);
        Int32(buffer, run.Outcome.Epochs.Length);
        foreach (var epoch in run.Outcome.Epochs)
        {
            Int32(buffer, epoch.Epoch);
            foreach (var figure in (ReadOnlySpan<double>)[epoch.TrainLoss, epoch.TrainAccuracy, epoch.ValidationLoss, epoch.ValidationAccuracy])
            {
                Double(buffer, figure);
            }
            Int64(buffer, epoch.Duration.Ticks);
        }
        OptionalText(buffer, run.Outcome.FailureReason);
        Int64(buffer, run.Outcome.Duration.Ticks);
    }

    private static RunRecord ReadRun(ref Reader reader)
    {
        var (trial, attempt, bracket, rung) = (reader.Int32("the trial"), reader.Int32("the attempt"), reader.Int32("the bracket"), reader.Int32("the rung"));
        var (from, to, workerId) = (reader.Int32("the first epoch"), reader.Int32("the last epoch"), reader.Text("the worker id"));
        var epochs = new EpochMetrics[reader.Count("the epochs", EpochBytes)];
        for (var i = 0; i < epochs.Length; i++)
        {
            epochs[i] = new EpochMetrics(reader.Int32("an epoch's number"), reader.Double("an epoch's loss"), reader.Double("an epoch's accuracy"),
                reader.Double("an epoch's val_loss"), reader.Double("an epoch's val_accuracy"), TimeSpan.FromTicks(reader.Int64("an epoch's duration")));
        }
        var outcome = new TrialOutcome(ImmutableCollectionsMarshal.AsImmutableArray(epochs), reader.OptionalText("the failure reason"), TimeSpan.FromTicks(reader.Int64("the duration")));
        return new RunRecord(trial, attempt, bracket, rung, from, to, workerId, outcome);
    }

    private static void Int32(ArrayBufferWriter<byte> buffer, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(buffer.GetSpan(4), value);
        buffer.Advance(4);
    }

    private static void Int64(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    // Bit for bit: a NaN or infinite loss is kept as it was.
    private static void Double(ArrayBufferWriter<byte> buffer, double value) => Int64(buffer, BitConverter.DoubleToInt64Bits(value));

    private static void OptionalText(ArrayBufferWriter<byte> buffer, string? text)
    {
        if (text is null)
        {
            Int32(buffer, Missing);
            return;
        }
        Text(buffer, text);
    }

    private static void Text(ArrayBufferWriter<byte> buffer, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        Int32(buffer, length);
        Encoding.UTF8.GetBytes(text, buffer.GetSpan(length));
        buffer.Advance(length);
    }

    private ref struct Reader(byte[] bytes, string manifest)
    {
        private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        private int _position;

        public int Int32(string field) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, field));

        public long Int64(string field) => BinaryPrimitives.ReadInt64LittleEndian(Take(8, field));

        public double Double(string field) => BitConverter.Int64BitsToDouble(Int64(field));

        public string Text(string field) => OptionalText(field) ?? throw Malformed($"{field} is missing");

        public string? OptionalText(string field)
        {
            var length = Length(field, 1);
            if (length == Missing)
            {
                return null;
            }
            var span = Take(length, field);
            try
            {
                return StrictUtf8.GetString(span);
            }
            catch (DecoderFallbackException)
            {
                throw Malformed($"{field} is not UTF-8");
            }
        }

        public byte[]? OptionalBytes(string field) => Length(field, 1) is var length && length == Missing ? null : Take(length, field).ToArray();

        /// <summary>A count of items of at least <paramref name="itemBytes"/> bytes each, checked against what is left.</summary>
        public int Count(string field, int itemBytes) => Length(field, itemBytes) is var count && count == Missing ? throw Malformed($"{field} are missing") : count;

        public readonly void End()
        {
            if (_position != bytes.Length)
            {
                throw Malformed($"{bytes.Length - _position} bytes follow its end");
            }
        }

        private readonly SerializationException Malformed(string why) =>
            new($"malformed journal entry '{manifest}': {why}");

        // A length or count (or Missing), checked against the bytes left before anything is allocated for it.
        private int Length(string field, int itemBytes)
        {
            var count = Int32(field);
            if (count < Missing || count > (bytes.Length - _position) / itemBytes)
            {
                throw Malformed($"the length of {field} is {count}, which the {bytes.Length - _position} bytes left cannot hold");
            }
            return count;
        }

        private ReadOnlySpan<byte> Take(int count, string field)
        {
            if (bytes.Length - _position < count)
            {
                throw Malformed($"it ends inside {field}");
            }
            var span = bytes.AsSpan(_position, count);
            _position += count;
            return span;
        }
    }
}
