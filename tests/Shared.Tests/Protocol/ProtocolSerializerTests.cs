using System.Runtime.Serialization;
using Akka.Serialization;
using Tuner.Shared.Checkpoints;
using Tuner.Shared.Hyperparameters;
using Tuner.Shared.Protocol;
using Tuner.Shared.Status;
using Tuner.Shared.Trials;

namespace Tuner.Shared.Tests.Protocol;

public class ProtocolSerializerTests : Akka.TestKit.Xunit.TestKit
{
    private static readonly HyperparameterSet SomeHyperparameters = HyperparameterSet.Empty
        .With("learning_rate", new HyperparameterValue.RealNumber(1e-3))
        .With("num_layers", new HyperparameterValue.WholeNumber(3))
        .With("optimizer", new HyperparameterValue.Word("adam"))
        .With("batch_norm", new HyperparameterValue.Flag(true))
        .With("drop_0", new HyperparameterValue.RealNumber(1.0));

    private static readonly EpochMetrics SomeEpoch = new(3, 0.25, 0.91, 0.3, 0.9, TimeSpan.FromSeconds(4.5));

    public ProtocolSerializerTests()
        : base(Akka.Configuration.ConfigurationFactory.ParseString("""
            akka.actor.serializers.tuner = "Tuner.Shared.Protocol.ProtocolSerializer, Tuner.Shared"
            akka.actor.serialization-bindings { "Tuner.Shared.Protocol.IProtocolMessage, Tuner.Shared" = tuner }
            """))
    {
    }

    public static TheoryData<IProtocolMessage> Messages() =>
    [
        new RegisterWorker("w1", ProtocolVersion.Current, 2),
        new WorkerAccepted("seed-mlp"),
        new WorkerRefused("protocol 2 is not 1"),
        WorkAvailable.Instance,
        new RequestTrial("w1", 2),
        new TrialAssignment(7, 2, 3, 1, SomeHyperparameters, 2, 4, 42, new CheckpointManifest("0007-a1-e2", 123_456, 3, "ab12")),
        new TrialAssignment(1, 1, 0, 0, SomeHyperparameters, 0, 10, 7, null),
        new TrialProgress(7, 2, "w1", SomeEpoch),
        new TrialFinishedAcknowledged(7, 2),
        new TrialFinished(7, 2, "w1", new TrialOutcome([SomeEpoch], null, TimeSpan.FromSeconds(9.5)), null),
        new CheckpointManifest("c", 10, 1, "00"),
        new RequestCheckpointChunk("c", 4),
        new CancelTrial(7, 2),
        new StudyFinished("seed-mlp"),
        RequestStudyStatus.Instance,
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_message_survives_the_actor_systems_serialization(IProtocolMessage message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<ProtocolSerializer>(serializer);

        var bytes = serializer.ToBinary(message);
        var manifest = Serialization.ManifestFor(serializer, message);
        var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.Equal(message, back);
    }

    [Fact]
    public void Every_message_type_is_in_the_table_and_covered_above()
    {
        var covered = Messages().Select(row => row.Data.GetType()).ToHashSet();
        covered.Add(typeof(CheckpointChunk));
        covered.Add(typeof(StudySnapshot));
        var declared = typeof(IProtocolMessage).Assembly.GetTypes()
            .Where(type => typeof(IProtocolMessage).IsAssignableFrom(type) && !type.IsInterface);

        Assert.Equal(declared.OrderBy(t => t.Name), ProtocolSerializer.MessageTypes.OrderBy(t => t.Name));
        Assert.Equal(declared.OrderBy(t => t.Name), covered.OrderBy(t => t.Name));
    }

    [Fact]
    public void Results_and_chunks_keep_their_lists_and_bytes()
    {
        var finished = new TrialFinished(7, 2, "w1", new TrialOutcome([SomeEpoch, SomeEpoch with { Epoch = 4 }], null, TimeSpan.FromSeconds(9.5)), new CheckpointManifest("c", 3, 1, "ff"));
        var chunk = new CheckpointChunk("c", 0, [1, 2, 3, 255]);

        var finishedBack = (TrialFinished)RoundTrip(finished);
        var chunkBack = (CheckpointChunk)RoundTrip(chunk);

        Assert.Equal(finished.Outcome.Epochs, finishedBack.Outcome.Epochs);
        Assert.Equal(finished, finishedBack);
        Assert.Equal(chunk.Data, chunkBack.Data);
        Assert.Equal(SomeHyperparameters.Values["drop_0"], ((TrialAssignment)RoundTrip(new TrialAssignment(9, 1, 0, 0, SomeHyperparameters, 0, 1, 1, null))).Hyperparameters.Values["drop_0"]);
    }

    [Fact]
    public void A_small_checkpoint_travels_inside_the_result_and_the_assignment_that_resumes_from_it()
    {
        byte[] checkpoint = [0, 1, 2, 254, 255];
        var manifest = CheckpointShelf.Describe("0007-a1-e2", checkpoint);
        var finished = new TrialFinished(7, 1, "w1", new TrialOutcome([SomeEpoch], null, TimeSpan.FromSeconds(1)), manifest, checkpoint);
        var assignment = new TrialAssignment(7, 1, 3, 1, SomeHyperparameters, 2, 4, 42, manifest, checkpoint);

        var finishedBack = (TrialFinished)RoundTrip(finished);
        var assignmentBack = (TrialAssignment)RoundTrip(assignment);

        Assert.Equal(checkpoint, finishedBack.CheckpointBytes);
        Assert.Equal(checkpoint, assignmentBack.CheckpointBytes);
        Assert.True(CheckpointShelf.Matches(finishedBack.Checkpoint!, finishedBack.CheckpointBytes!));
        Assert.False(CheckpointShelf.Matches(manifest, [0, 1, 2, 254, 0]));
        Assert.Equal(checkpoint, CheckpointShelf.Inline(checkpoint));
        Assert.Null(CheckpointShelf.Inline(new byte[CheckpointShelf.InlineLimit + 1]));
    }

    [Fact]
    public void A_status_snapshot_keeps_its_rungs_running_trials_and_best()
    {
        var snapshot = new StudySnapshot("seed-mlp", "keras", 12.5, false, 40, 170, 2,
            [new RungSnapshot(0, 3, 0, 2, 10, 10, 7, 2)],
            [new RunningTrialSnapshot(7, 1, "w1", 3, 0, 0, 2, 1, 0.93)],
            new BestSnapshot(4, 0.95, 2, SomeHyperparameters));

        var back = (StudySnapshot)RoundTrip(snapshot);

        Assert.Equal(snapshot.Rungs, back.Rungs);
        Assert.Equal(snapshot.Running, back.Running);
        Assert.Equal(snapshot.Best, back.Best);
        Assert.Equal(snapshot with { Rungs = back.Rungs, Running = back.Running }, back);
        Assert.Equal(TimeSpan.FromSeconds(12.5 / 40 * 130), back.Remaining);
    }

    [Fact]
    public void An_unknown_manifest_is_refused_without_looking_up_any_type()
    {
        var serializer = new ProtocolSerializer((Akka.Actor.ExtendedActorSystem)Sys);

        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "System.IO.FileInfo, System.IO"));

        Assert.Contains("another protocol version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_payload_is_refused_with_the_manifest_named()
    {
        var serializer = new ProtocolSerializer((Akka.Actor.ExtendedActorSystem)Sys);

        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary("{\"workerId\": 5"u8.ToArray(), "register-worker/1"));

        Assert.Contains("register-worker/1", error.Message, StringComparison.Ordinal);
    }

    private object RoundTrip(IProtocolMessage message)
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(message);
        return serializer.FromBinary(serializer.ToBinary(message), serializer.Manifest(message));
    }
}
