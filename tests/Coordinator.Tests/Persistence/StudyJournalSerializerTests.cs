using System.Runtime.Serialization;
using Tuner.Coordinator.Coordination;
using Tuner.Coordinator.Persistence;
using Tuner.Coordinator.Scheduling;
using Tuner.Coordinator.SearchSpaces;

namespace Tuner.Coordinator.Tests.Persistence;

public class StudyJournalSerializerTests
{
    private readonly StudyJournalSerializer _serializer = new(null!);

    [Fact]
    public void An_entry_of_another_version_is_refused_with_what_to_do()
    {
        var error = Assert.Throws<SerializationException>(() => _serializer.FromBinary("{}"u8.ToArray(), "run-completed/9"));

        Assert.Contains("unknown journal entry 'run-completed/9'", error.Message, StringComparison.Ordinal);
        Assert.Contains("--overwrite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_name_is_never_taken_for_a_manifest()
    {
        Assert.Throws<SerializationException>(() => _serializer.FromBinary("{}"u8.ToArray(), typeof(FileInfo).AssemblyQualifiedName!));
    }

    [Fact]
    public void The_study_started_entry_round_trips_with_its_definition()
    {
        var started = new StudyStarted(StudyDefinition.Of(BuiltInStudies.Find("cnn")!, new ScheduleOptions(ScheduleKind.Asha, 9, 3, 2), -5, 4), DateTimeOffset.UnixEpoch.AddDays(3));

        var back = (StudyStarted)_serializer.FromBinary(_serializer.ToBinary(started), _serializer.Manifest(started));

        Assert.Equal(started, back);
        Assert.Empty(started.Definition.Differences(back.Definition));
        Assert.Equal(BuiltInStudies.Find("cnn"), StudyFile.Parse(back.Definition.Study));
    }

    [Fact]
    public void A_small_checkpoint_kept_in_the_journal_survives_its_entry_and_the_snapshot()
    {
        var ledger = StudyLedger.Start(new StudyStarted(StudyDefinition.Of(BuiltInStudies.Find("seed-mlp")!, new ScheduleOptions(ScheduleKind.Keras, 4, 2), 7, 3), DateTimeOffset.UnixEpoch));
        var run = (Decision.Run)ledger.NextRun();
        byte[] bytes = [1, 2, 3, 4];
        var id = CheckpointRetention.CheckpointId(new CheckpointReference(run.TrialId, run.ToEpoch));
        var record = new RunRecord(run.TrialId, run.Attempt, run.Bracket, run.Rung, run.FromEpoch, run.ToEpoch, "w", new Shared.Trials.TrialOutcome([], null, TimeSpan.FromSeconds(1)));
        var completed = new RunCompleted(record, 0.9, Shared.Checkpoints.CheckpointShelf.Describe(id, bytes), bytes);

        ledger.Apply((RunCompleted)_serializer.FromBinary(_serializer.ToBinary(completed), _serializer.Manifest(completed)));
        var snapshot = ledger.ToSnapshot();
        var restored = StudyLedger.FromSnapshot((LedgerSnapshot)_serializer.FromBinary(_serializer.ToBinary(snapshot), _serializer.Manifest(snapshot)));

        Assert.Equal(bytes, ledger.CheckpointBytes[id]);
        Assert.Equal(bytes, restored.CheckpointBytes[id]);
        Assert.Equal(ledger.Checkpoints[id], restored.Checkpoints[id]);
        Assert.All(restored.CheckpointBytes.Keys, key => Assert.True(restored.Checkpoints.ContainsKey(key)));
    }

    [Fact]
    public void Entries_of_the_version_before_inline_checkpoints_are_still_read()
    {
        var ledger = StudyLedger.Start(new StudyStarted(StudyDefinition.Of(BuiltInStudies.Find("seed-mlp")!, new ScheduleOptions(ScheduleKind.Keras, 4, 2), 7, 3), DateTimeOffset.UnixEpoch));
        var run = (Decision.Run)ledger.NextRun();
        var id = CheckpointRetention.CheckpointId(new CheckpointReference(run.TrialId, run.ToEpoch));
        var record = new RunRecord(run.TrialId, run.Attempt, run.Bracket, run.Rung, run.FromEpoch, run.ToEpoch, "w", new Shared.Trials.TrialOutcome([], null, TimeSpan.FromSeconds(1)));
        var completed = new RunCompleted(record, 0.9, Shared.Checkpoints.CheckpointShelf.Describe(id, [5, 6]));
        // As version 1 wrote it: version 2's JSON without the bytes.
        var recorded = $$$"""
            {"run":{"trialId":{{{run.TrialId}}},"attempt":{{{run.Attempt}}},"bracket":{{{run.Bracket}}},"rung":{{{run.Rung}}},"fromEpoch":{{{run.FromEpoch}}},"toEpoch":{{{run.ToEpoch}}},"workerId":"w",
            "outcome":{"epochs":[],"failureReason":null,"duration":"00:00:01","succeeded":true,"finalValidationAccuracy":null}},"valAccuracy":0.9,
            "checkpoint":{"checkpointId":"{{{id}}}","length":2,"chunks":1,"sha256":"{{{completed.Checkpoint.Sha256}}}"}}
            """;

        var read = (RunCompleted)_serializer.FromBinary(System.Text.Encoding.UTF8.GetBytes(recorded), "run-completed/1");
        ledger.Apply(read);
        var snapshot = ledger.ToSnapshot() with { CheckpointBytes = null };
        var restored = StudyLedger.FromSnapshot((LedgerSnapshot)_serializer.FromBinary(WithoutProperty(_serializer.ToJson(snapshot), "checkpointBytes"), "ledger-snapshot/1"));

        Assert.Equal(completed, read);
        Assert.Equal(ledger.Checkpoints[id], restored.Checkpoints[id]);
        Assert.Equal(ledger.Runs, restored.Runs);
        Assert.Empty(restored.CheckpointBytes);
        Assert.Equal("run-completed/3", _serializer.Manifest(read));
    }

    [Fact]
    public void Per_result_entries_journaled_as_json_are_still_read()
    {
        // Bytes as the JSON versions wrote them (captured from the serializer before the binary versions).
        var started = (RunStarted)_serializer.FromBinary("""{"trialId":3,"attempt":2}"""u8.ToArray(), "run-started/1");
        var completed = (RunCompleted)_serializer.FromBinary("""
            {"run":{"trialId":3,"attempt":2,"bracket":1,"rung":1,"fromEpoch":1,"toEpoch":3,"workerId":"worker-a","outcome":{"epochs":[
            {"epoch":2,"trainLoss":0.5,"trainAccuracy":0.75,"validationLoss":0.625,"validationAccuracy":0.8125,"duration":"00:00:01.5000000"},
            {"epoch":3,"trainLoss":0.25,"trainAccuracy":0.875,"validationLoss":0.375,"validationAccuracy":0.90625,"duration":"00:00:02"}],
            "failureReason":null,"duration":"00:00:04","succeeded":true,"finalValidationAccuracy":0.90625}},"valAccuracy":0.90625,
            "checkpoint":{"checkpointId":"trial-3-epoch-3","length":4,"chunks":1,"sha256":"9f64a747e1b97f131fabb6b447296c9b6f0201e79fb3c5356e6c77e89b6a806a"},"bytes":"AQIDBA=="}
            """u8.ToArray(), "run-completed/2");
        var failed = (RunFailed)_serializer.FromBinary("""
            {"run":{"trialId":3,"attempt":2,"bracket":1,"rung":1,"fromEpoch":1,"toEpoch":3,"workerId":"worker-a","outcome":{"epochs":[],
            "failureReason":"loss diverged","duration":"00:00:01","succeeded":false,"finalValidationAccuracy":null}},"reason":"loss diverged"}
            """u8.ToArray(), "run-failed/1");

        Assert.Equal(new RunStarted(3, 2), started);
        AssertSameEntry(SampleCompleted(), completed);
        Assert.Equal(SampleFailed(), failed);
    }

    [Fact]
    public void Per_result_entries_are_written_in_binary_and_read_back_bit_for_bit()
    {
        var diverged = SampleCompleted().Run.Outcome.Epochs[0] with { TrainLoss = double.NaN, ValidationLoss = double.PositiveInfinity };
        var withoutBytes = SampleCompleted() with { Bytes = null, Run = SampleCompleted().Run with { WorkerId = "wörker-ß", Outcome = SampleCompleted().Run.Outcome with { Epochs = [diverged] } } };
        IStudyJournalEntry[] entries = [new RunStarted(3, 2), SampleCompleted(), withoutBytes, SampleFailed()];

        foreach (var entry in entries)
        {
            var bytes = _serializer.ToBinary(entry);
            var back = _serializer.FromBinary(bytes, _serializer.Manifest(entry));

            Assert.NotEqual((byte)'{', bytes[0]);
            AssertSameEntry(entry, (IStudyJournalEntry)back);
        }
        Assert.Equal(["run-started/2", "run-completed/3", "run-completed/3", "run-failed/2"], entries.Select(_serializer.Manifest));
        Assert.True(double.IsNaN(((RunCompleted)_serializer.FromBinary(_serializer.ToBinary(withoutBytes), "run-completed/3")).Run.Outcome.Epochs[0].TrainLoss));
    }

    [Fact]
    public void A_damaged_binary_entry_is_refused_naming_it()
    {
        var bytes = _serializer.ToBinary(SampleCompleted());

        for (var length = 0; length < bytes.Length; length++)
        {
            var error = Assert.Throws<SerializationException>(() => _serializer.FromBinary(bytes[..length], "run-completed/3"));
            Assert.Contains("malformed journal entry 'run-completed/3'", error.Message, StringComparison.Ordinal);
        }
        var padded = Assert.Throws<SerializationException>(() => _serializer.FromBinary([.. bytes, 0], "run-completed/3"));
        Assert.Contains("1 bytes follow the end of the journal entry", padded.Message, StringComparison.Ordinal);
        // The worker id's length (after six numbers) says two billion bytes: refused before anything is allocated.
        var lying = bytes.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(lying.AsSpan(24), int.MaxValue);
        var claim = Assert.Throws<SerializationException>(() => _serializer.FromBinary(lying, "run-completed/3"));
        Assert.Contains("the worker id", claim.Message, StringComparison.Ordinal);
        var notUtf8 = _serializer.ToBinary(SampleFailed() with { Reason = "é" });
        notUtf8[^1] = 0xFF;
        Assert.Throws<SerializationException>(() => _serializer.FromBinary(notUtf8, "run-failed/2"));
    }

    [Fact]
    public void A_snapshot_is_written_in_binary_and_read_back_whole_and_a_json_one_is_still_read()
    {
        var snapshot = SampleSnapshot();

        var bytes = _serializer.ToBinary(snapshot);
        var back = (LedgerSnapshot)_serializer.FromBinary(bytes, _serializer.Manifest(snapshot));
        var fromJson = (LedgerSnapshot)_serializer.FromBinary(_serializer.ToJson(snapshot), "ledger-snapshot/2");

        Assert.Equal("ledger-snapshot/3", _serializer.Manifest(snapshot));
        Assert.True(bytes.Length < _serializer.ToJson(snapshot).Length, $"{bytes.Length} bytes in binary, {_serializer.ToJson(snapshot).Length} as JSON");
        foreach (var read in new[] { back, fromJson })
        {
            Assert.Equal(snapshot.Started, read.Started);
            Assert.Equal(snapshot.Engine, read.Engine);
            Assert.Equal(snapshot.Runs, read.Runs);
            Assert.Equal(snapshot.Checkpoints, read.Checkpoints);
            Assert.Equal(snapshot.CompletedAt, read.CompletedAt);
            Assert.Equal(snapshot.CompletedAt!.Value.Offset, read.CompletedAt!.Value.Offset);
            Assert.Equal(snapshot.CheckpointBytes!.Keys, read.CheckpointBytes!.Keys);
            Assert.All(snapshot.CheckpointBytes, pair => Assert.Equal(pair.Value, read.CheckpointBytes[pair.Key]));
        }
        Assert.True(double.IsNaN(back.Runs[0].Outcome.Epochs[0].TrainLoss));
        Assert.Equal(StudyLedger.FromSnapshot(snapshot).Engine.ToJson(), StudyLedger.FromSnapshot(back).Engine.ToJson());
    }

    [Fact]
    public void A_damaged_snapshot_is_refused_naming_it()
    {
        var bytes = _serializer.ToBinary(SampleSnapshot());

        for (var length = 0; length < bytes.Length; length += 1 + length / 64)
        {
            var error = Assert.Throws<SerializationException>(() => _serializer.FromBinary(bytes[..length], "ledger-snapshot/3"));
            Assert.Contains("malformed journal entry", error.Message, StringComparison.Ordinal);
        }
        var padded = Assert.Throws<SerializationException>(() => _serializer.FromBinary([.. bytes, 0], "ledger-snapshot/3"));
        Assert.Contains("1 bytes follow the end of the journal entry", padded.Message, StringComparison.Ordinal);
    }

    // A ledger with a result (a NaN loss, a small checkpoint kept in the journal) and a failure, completed in another time zone.
    private static LedgerSnapshot SampleSnapshot()
    {
        var ledger = StudyLedger.Start(new StudyStarted(StudyDefinition.Of(BuiltInStudies.Find("seed-mlp")!, new ScheduleOptions(ScheduleKind.Keras, 4, 2), 7, 3), DateTimeOffset.UnixEpoch));
        var first = (Decision.Run)ledger.NextRun();
        var second = (Decision.Run)ledger.NextRun();
        byte[] bytes = [9, 8, 7];
        var id = CheckpointRetention.CheckpointId(new CheckpointReference(first.TrialId, first.ToEpoch));
        var epochs = new Shared.Trials.EpochMetrics[] { new(1, double.NaN, 0.5, 0.25, 0.75, TimeSpan.FromSeconds(2)) };
        ledger.Apply(new RunCompleted(
            new RunRecord(first.TrialId, first.Attempt, first.Bracket, first.Rung, first.FromEpoch, first.ToEpoch, "wörker", new Shared.Trials.TrialOutcome([.. epochs], null, TimeSpan.FromSeconds(3))),
            0.75, Shared.Checkpoints.CheckpointShelf.Describe(id, bytes), bytes));
        ledger.Apply(new RunFailed(
            new RunRecord(second.TrialId, second.Attempt, second.Bracket, second.Rung, second.FromEpoch, second.ToEpoch, "w2", new Shared.Trials.TrialOutcome([], "loss diverged", TimeSpan.FromSeconds(1))),
            "loss diverged"));
        return ledger.ToSnapshot() with { CompletedAt = new DateTimeOffset(2026, 11, 29, 13, 0, 0, TimeSpan.FromHours(-5)) };
    }

    // A record compares its byte array by reference; the checkpoint's bytes are compared by content.
    private static void AssertSameEntry(IStudyJournalEntry expected, IStudyJournalEntry actual)
    {
        if (expected is RunCompleted completed)
        {
            var read = Assert.IsType<RunCompleted>(actual);
            Assert.Equal(completed with { Bytes = null }, read with { Bytes = null });
            Assert.Equal(completed.Bytes, read.Bytes);
            return;
        }
        Assert.Equal(expected, actual);
    }

    private static RunCompleted SampleCompleted()
    {
        var record = new RunRecord(3, 2, 1, 1, 1, 3, "worker-a", new Shared.Trials.TrialOutcome(
            [new(2, 0.5, 0.75, 0.625, 0.8125, TimeSpan.FromMilliseconds(1500)), new(3, 0.25, 0.875, 0.375, 0.90625, TimeSpan.FromSeconds(2))], null, TimeSpan.FromSeconds(4)));
        byte[] bytes = [1, 2, 3, 4];
        return new RunCompleted(record, 0.90625, Shared.Checkpoints.CheckpointShelf.Describe("trial-3-epoch-3", bytes), bytes);
    }

    private static RunFailed SampleFailed() =>
        new(SampleCompleted().Run with { Outcome = new Shared.Trials.TrialOutcome([], "loss diverged", TimeSpan.FromSeconds(1)) }, "loss diverged");

    // The entry as version 1 wrote it: today's shape without the property version 2 added.
    private static byte[] WithoutProperty(byte[] json, string name)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        Assert.True(node.Remove(name), $"the entry has no property '{name}'");
        return System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}
