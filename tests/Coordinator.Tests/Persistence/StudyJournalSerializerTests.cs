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
        var error = Assert.Throws<SerializationException>(() => _serializer.FromBinary("{}"u8.ToArray(), "run-completed/3"));

        Assert.Contains("unknown journal entry 'run-completed/3'", error.Message, StringComparison.Ordinal);
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

        var read = (RunCompleted)_serializer.FromBinary(WithoutProperty(_serializer.ToBinary(completed), "bytes"), "run-completed/1");
        ledger.Apply(read);
        var snapshot = ledger.ToSnapshot() with { CheckpointBytes = null };
        var restored = StudyLedger.FromSnapshot((LedgerSnapshot)_serializer.FromBinary(WithoutProperty(_serializer.ToBinary(snapshot), "checkpointBytes"), "ledger-snapshot/1"));

        Assert.Equal(completed, read);
        Assert.Equal(ledger.Checkpoints[id], restored.Checkpoints[id]);
        Assert.Equal(ledger.Runs, restored.Runs);
        Assert.Empty(restored.CheckpointBytes);
        Assert.Equal("run-completed/2", _serializer.Manifest(read));
    }

    // The entry as version 1 wrote it: today's shape without the property version 2 added.
    private static byte[] WithoutProperty(byte[] json, string name)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        Assert.True(node.Remove(name), $"the entry has no property '{name}'");
        return System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}
