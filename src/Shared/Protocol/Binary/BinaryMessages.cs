using System.Collections.Frozen;
using System.Runtime.InteropServices;
using Tuner.Shared.Checkpoints;
using Tuner.Shared.Hyperparameters;
using Tuner.Shared.Trials;

namespace Tuner.Shared.Protocol.Binary;

/// <summary>
/// The messages sent once or more per result, in a hand-written binary format: fields in a fixed order, no names, no
/// types from the wire. The manifest is the version; a change of layout is a new manifest. JSON cost more CPU than
/// everything else on this path (per-epoch doubles formatted as text).
/// </summary>
internal static class BinaryMessages
{
    // The smallest an entry can be on the wire, to refuse a count the message cannot hold before allocating for it.
    private const int EpochBytes = 4 + 4 * 8 + 8;
    private const int HyperparameterBytes = 4 + 1 + 1;

    private const byte WholeNumber = 1;
    private const byte RealNumber = 2;
    private const byte Word = 3;
    private const byte Flag = 4;

    public static FrozenDictionary<Type, string> Manifests { get; } = new Dictionary<Type, string>
    {
        [typeof(RequestTrial)] = "request-trial/2",
        [typeof(TrialAssignment)] = "trial-assignment/3",
        [typeof(TrialProgress)] = "trial-progress/2",
        [typeof(TrialFinished)] = "trial-finished/3",
        [typeof(TrialFinishedAcknowledged)] = "trial-finished-ack/2",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, Type> TypesByManifest =
        Manifests.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static byte[] Write(object message)
    {
        var writer = new WireWriter();
        switch (message)
        {
            case RequestTrial request:
                writer.Text(request.WorkerId);
                writer.Int32(request.FreeSlots);
                break;
            case TrialAssignment assignment:
                Write(writer, assignment);
                break;
            case TrialProgress progress:
                writer.Int32(progress.TrialId);
                writer.Int32(progress.Attempt);
                writer.Text(progress.WorkerId);
                Write(writer, progress.Metrics);
                break;
            case TrialFinished finished:
                writer.Int32(finished.TrialId);
                writer.Int32(finished.Attempt);
                writer.Text(finished.WorkerId);
                Write(writer, finished.Outcome);
                Write(writer, finished.Checkpoint);
                writer.OptionalBytes(finished.CheckpointBytes);
                break;
            case TrialFinishedAcknowledged acknowledged:
                Write(writer, acknowledged);
                break;
            default:
                throw new ArgumentException($"{message.GetType()} has no binary form", nameof(message));
        }
        return writer.ToArray();
    }

    /// <summary>Reads a message of one of <see cref="Manifests"/>; false for any other manifest.</summary>
    /// <exception cref="System.Runtime.Serialization.SerializationException">the bytes are not a well-formed message of that manifest.</exception>
    public static bool TryRead(byte[] bytes, string manifest, out object message)
    {
        if (!TypesByManifest.TryGetValue(manifest, out var type))
        {
            message = null!;
            return false;
        }
        var reader = new WireReader(bytes, manifest);
        message = type == typeof(RequestTrial) ? new RequestTrial(reader.Text("the worker id"), reader.Int32("the free slots"))
            : type == typeof(TrialAssignment) ? ReadAssignment(ref reader)
            : type == typeof(TrialProgress) ? new TrialProgress(reader.Int32("the trial"), reader.Int32("the attempt"), reader.Text("the worker id"), ReadEpoch(ref reader))
            : type == typeof(TrialFinished) ? ReadFinished(ref reader)
            : ReadAcknowledgement(ref reader);
        reader.End();
        return true;
    }

    private static void Write(WireWriter writer, TrialAssignment assignment)
    {
        writer.Int32(assignment.TrialId);
        writer.Int32(assignment.Attempt);
        writer.Int32(assignment.Bracket);
        writer.Int32(assignment.Rung);
        writer.Int32(assignment.Hyperparameters.Values.Count);
        foreach (var (name, value) in assignment.Hyperparameters.Values)
        {
            writer.Text(name);
            Write(writer, value);
        }
        writer.Int32(assignment.FromEpoch);
        writer.Int32(assignment.ToEpoch);
        writer.Int64(assignment.Seed);
        Write(writer, assignment.Checkpoint);
        writer.OptionalBytes(assignment.CheckpointBytes);
        writer.Boolean(assignment.Acknowledges is not null);
        if (assignment.Acknowledges is { } acknowledged)
        {
            Write(writer, acknowledged);
        }
    }

    private static TrialAssignment ReadAssignment(ref WireReader reader)
    {
        var (trial, attempt, bracket, rung) = (reader.Int32("the trial"), reader.Int32("the attempt"), reader.Int32("the bracket"), reader.Int32("the rung"));
        var hyperparameters = ReadHyperparameters(ref reader);
        var (from, to, seed) = (reader.Int32("the first epoch"), reader.Int32("the last epoch"), reader.Int64("the seed"));
        var checkpoint = ReadCheckpoint(ref reader);
        var inline = reader.OptionalBytes("the inline checkpoint", CheckpointShelf.InlineLimit);
        var acknowledges = reader.Boolean("the acknowledgement's presence") ? ReadAcknowledgement(ref reader) : null;
        return new TrialAssignment(trial, attempt, bracket, rung, hyperparameters, from, to, seed, checkpoint, inline, acknowledges);
    }

    private static TrialFinished ReadFinished(ref WireReader reader)
    {
        var (trial, attempt, workerId) = (reader.Int32("the trial"), reader.Int32("the attempt"), reader.Text("the worker id"));
        var outcome = ReadOutcome(ref reader);
        var checkpoint = ReadCheckpoint(ref reader);
        return new TrialFinished(trial, attempt, workerId, outcome, checkpoint, reader.OptionalBytes("the inline checkpoint", CheckpointShelf.InlineLimit));
    }

    /// <summary>A trial's outcome, as results and the coordinator's journal both carry it.</summary>
    public static void Write(WireWriter writer, TrialOutcome outcome)
    {
        writer.Int32(outcome.Epochs.Length);
        foreach (var epoch in outcome.Epochs)
        {
            Write(writer, epoch);
        }
        writer.OptionalText(outcome.FailureReason);
        writer.Int64(outcome.Duration.Ticks);
    }

    public static TrialOutcome ReadOutcome(ref WireReader reader)
    {
        var epochs = new EpochMetrics[reader.Count("the epochs", EpochBytes)];
        for (var i = 0; i < epochs.Length; i++)
        {
            epochs[i] = ReadEpoch(ref reader);
        }
        return new TrialOutcome(ImmutableCollectionsMarshal.AsImmutableArray(epochs), reader.OptionalText("the failure reason"), TimeSpan.FromTicks(reader.Int64("the duration")));
    }

    private static void Write(WireWriter writer, EpochMetrics epoch)
    {
        writer.Int32(epoch.Epoch);
        writer.Double(epoch.TrainLoss);
        writer.Double(epoch.TrainAccuracy);
        writer.Double(epoch.ValidationLoss);
        writer.Double(epoch.ValidationAccuracy);
        writer.Int64(epoch.Duration.Ticks);
    }

    private static EpochMetrics ReadEpoch(ref WireReader reader) => new(
        reader.Int32("an epoch's number"),
        reader.Double("an epoch's loss"),
        reader.Double("an epoch's accuracy"),
        reader.Double("an epoch's validation loss"),
        reader.Double("an epoch's validation accuracy"),
        TimeSpan.FromTicks(reader.Int64("an epoch's duration")));

    private static void Write(WireWriter writer, CheckpointManifest? checkpoint)
    {
        writer.Boolean(checkpoint is not null);
        if (checkpoint is not null)
        {
            WriteManifest(writer, checkpoint);
        }
    }

    private static CheckpointManifest? ReadCheckpoint(ref WireReader reader) =>
        reader.Boolean("the checkpoint's presence") ? ReadManifest(ref reader) : null;

    /// <summary>A checkpoint's manifest that is always there, as the coordinator's journal carries it.</summary>
    public static void WriteManifest(WireWriter writer, CheckpointManifest checkpoint)
    {
        writer.Text(checkpoint.CheckpointId);
        writer.Int64(checkpoint.Length);
        writer.Int32(checkpoint.Chunks);
        writer.Text(checkpoint.Sha256);
    }

    public static CheckpointManifest ReadManifest(ref WireReader reader) =>
        new(reader.Text("the checkpoint id"), reader.Int64("the checkpoint length"), reader.Int32("the checkpoint chunks"), reader.Text("the checkpoint SHA-256"));

    private static void Write(WireWriter writer, TrialFinishedAcknowledged acknowledged)
    {
        writer.Int32(acknowledged.TrialId);
        writer.Int32(acknowledged.Attempt);
    }

    private static TrialFinishedAcknowledged ReadAcknowledgement(ref WireReader reader) =>
        new(reader.Int32("the acknowledged trial"), reader.Int32("the acknowledged attempt"));

    private static void Write(WireWriter writer, HyperparameterValue value)
    {
        switch (value)
        {
            case HyperparameterValue.WholeNumber whole:
                writer.Tag(WholeNumber);
                writer.Int64(whole.Value);
                break;
            case HyperparameterValue.RealNumber real:
                writer.Tag(RealNumber);
                writer.Double(real.Value);
                break;
            case HyperparameterValue.Word word:
                writer.Tag(Word);
                writer.Text(word.Value);
                break;
            case HyperparameterValue.Flag flag:
                writer.Tag(Flag);
                writer.Boolean(flag.Value);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value, "not a kind of hyperparameter value");
        }
    }

    private static HyperparameterSet ReadHyperparameters(ref WireReader reader)
    {
        var count = reader.Count("the hyperparameters", HyperparameterBytes);
        var values = HyperparameterSet.Empty.Values.ToBuilder();
        for (var i = 0; i < count; i++)
        {
            var name = reader.Text("a hyperparameter's name");
            HyperparameterValue value = reader.Tag($"hyperparameter '{name}''s kind") switch
            {
                WholeNumber => new HyperparameterValue.WholeNumber(reader.Int64($"hyperparameter '{name}'")),
                RealNumber => new HyperparameterValue.RealNumber(reader.Double($"hyperparameter '{name}'")),
                Word => new HyperparameterValue.Word(reader.Text($"hyperparameter '{name}'")),
                Flag => new HyperparameterValue.Flag(reader.Boolean($"hyperparameter '{name}'")),
                var other => throw reader.Malformed($"hyperparameter '{name}' is of kind {other}, which is none of whole number (1), real number (2), word (3), flag (4)"),
            };
            if (!values.TryAdd(name, value))
            {
                throw reader.Malformed($"hyperparameter '{name}' appears twice");
            }
        }
        return new HyperparameterSet(values.ToImmutable());
    }
}
