using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Runtime.Serialization;
using Tuner.Coordinator.Coordination;
using Tuner.Shared.Checkpoints;
using Tuner.Shared.Protocol;
using Tuner.Shared.Protocol.Binary;
using Tuner.Shared.Trials;

namespace Tuner.Coordinator.Persistence;

/// <summary>
/// The entries journaled once or more per result, in the protocol's binary form (<see cref="WireWriter"/>): fields in
/// a fixed order, little-endian, no names. The manifest is the version; a change of layout takes a new manifest. As
/// JSON (doubles formatted as text, the checkpoint as base64), then written into SQL as hex, they cost the journal more
/// than its database did.
/// </summary>
public static class BinaryEntries
{
    // The fewest bytes an epoch takes, so that a count the entry cannot hold is refused before anything is allocated.
    private const int EpochBytes = 4 + 4 * 8 + 8;

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
                writer.Text(completed.Checkpoint.CheckpointId);
                writer.Int64(completed.Checkpoint.Length);
                writer.Int32(completed.Checkpoint.Chunks);
                writer.Text(completed.Checkpoint.Sha256);
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

    private static RunCompleted ReadCompleted(ref WireReader reader)
    {
        var run = ReadRun(ref reader);
        var score = reader.Double("the score");
        var checkpoint = new CheckpointManifest(reader.Text("the checkpoint id"), reader.Int64("the checkpoint length"), reader.Int32("the checkpoint chunks"), reader.Text("the checkpoint hash"));
        return new RunCompleted(run, score, checkpoint, reader.OptionalBytes("the checkpoint bytes", CheckpointShelf.InlineLimit));
    }

    private static void Write(WireWriter writer, RunRecord run)
    {
        foreach (var number in (ReadOnlySpan<int>)[run.TrialId, run.Attempt, run.Bracket, run.Rung, run.FromEpoch, run.ToEpoch])
        {
            writer.Int32(number);
        }
        writer.Text(run.WorkerId);
        writer.Int32(run.Outcome.Epochs.Length);
        foreach (var epoch in run.Outcome.Epochs)
        {
            writer.Int32(epoch.Epoch);
            foreach (var figure in (ReadOnlySpan<double>)[epoch.TrainLoss, epoch.TrainAccuracy, epoch.ValidationLoss, epoch.ValidationAccuracy])
            {
                writer.Double(figure);
            }
            writer.Int64(epoch.Duration.Ticks);
        }
        writer.OptionalText(run.Outcome.FailureReason);
        writer.Int64(run.Outcome.Duration.Ticks);
    }

    private static RunRecord ReadRun(ref WireReader reader)
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
}
