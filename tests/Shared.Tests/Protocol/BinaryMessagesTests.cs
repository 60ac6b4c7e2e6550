using System.Runtime.Serialization;
using Tuner.Shared.Checkpoints;
using Tuner.Shared.Hyperparameters;
using Tuner.Shared.Protocol;
using Tuner.Shared.Trials;

namespace Tuner.Shared.Tests.Protocol;

/// <summary>The messages sent per result travel in a hand-written binary format: every field must come back, and bytes that are not a well-formed message must be refused cleanly.</summary>
public class BinaryMessagesTests : Akka.TestKit.Xunit.TestKit
{
    private static readonly HyperparameterSet EveryKind = HyperparameterSet.Empty
        .With("learning_rate", new HyperparameterValue.RealNumber(1e-3))
        .With("tiny", new HyperparameterValue.RealNumber(double.Epsilon))
        .With("num_layers", new HyperparameterValue.WholeNumber(long.MinValue))
        .With("optimizer", new HyperparameterValue.Word("adam · ünïcode ✓"))
        .With("empty", new HyperparameterValue.Word(""))
        .With("batch_norm", new HyperparameterValue.Flag(true))
        .With("shuffle", new HyperparameterValue.Flag(false));

    private static readonly EpochMetrics Diverged = new(int.MaxValue, double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, TimeSpan.MaxValue);

    private static readonly byte[] FullInline = [.. Enumerable.Range(0, CheckpointShelf.InlineLimit).Select(i => (byte)(i * 7))];

    private static TrialOutcome Outcome(int epochs, string? failure = null) => new(
        [.. Enumerable.Range(1, epochs).Select(e => new EpochMetrics(e, 1.0 / e, e / 1e3, Math.PI * e, 1 - 1e-17 * e, TimeSpan.FromTicks(e * 12_345_678L)))],
        failure,
        TimeSpan.FromTicks(987_654_321));

    public static TheoryData<IProtocolMessage> Messages() =>
    [
        new RequestTrial("w1", 2),
        new RequestTrial("", int.MinValue),
        new TrialFinishedAcknowledged(7, 2),
        new TrialProgress(7, 2, "wörker", new EpochMetrics(3, 0.25, 0.91, 0.3, 0.9, TimeSpan.FromSeconds(4.5))),
        new TrialProgress(-1, 0, "w", Diverged),
        new TrialAssignment(7, 2, 3, 1, EveryKind, 2, 4, long.MinValue, new CheckpointManifest("0007-a1-e2", 123_456, 3, "ab12"),
            CheckpointBytes: null, Acknowledges: new TrialFinishedAcknowledged(6, 1)),
        new TrialAssignment(1, 1, 0, 0, HyperparameterSet.Empty, 0, 10, 7, null),
        new TrialAssignment(9, 1, 0, 2, EveryKind, 4, 12, 42, CheckpointShelf.Describe("0009-e4", FullInline), FullInline, new TrialFinishedAcknowledged(int.MaxValue, int.MinValue)),
        new TrialFinished(7, 1, "w1", Outcome(0, "diverged: loss is NaN at step 200"), null),
        new TrialFinished(7, 1, "w1", new TrialOutcome([Diverged, Diverged with { Epoch = 2 }], "", TimeSpan.Zero), null),
        new TrialFinished(8, 3, "w2", Outcome(1000), new CheckpointManifest("8-a3-e1000", 1_200_000, 20, new string('f', 64))),
        new TrialFinished(9, 1, "w1", Outcome(3), CheckpointShelf.Describe("9-a1-e3", FullInline), FullInline),
        new TrialFinished(9, 1, "w1", Outcome(1), CheckpointShelf.Describe("9-a1-e1", []), []),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_field_comes_back(IProtocolMessage message)
    {
        var (bytes, manifest) = Serialize(message);

        var back = Deserialize(bytes, manifest);

        // Records compare byte arrays by reference: the bytes are compared apart.
        switch ((message, back))
        {
            case (TrialAssignment sent, TrialAssignment received):
                Assert.Equal(sent with { CheckpointBytes = null }, received with { CheckpointBytes = null });
                Assert.Equal(sent.CheckpointBytes, received.CheckpointBytes);
                Assert.Equal(sent.Hyperparameters.Values.Keys, received.Hyperparameters.Values.Keys);
                break;
            case (TrialFinished sent, TrialFinished received):
                Assert.Equal(sent with { CheckpointBytes = null }, received with { CheckpointBytes = null });
                Assert.Equal(sent.CheckpointBytes, received.CheckpointBytes);
                Assert.Equal(Bits(sent.Outcome), Bits(received.Outcome));
                break;
            default:
                Assert.Equal(message, back);
                break;
        }
    }

    [Fact]
    public void A_result_is_far_smaller_than_as_json()
    {
        var (bytes, _) = Serialize(new TrialFinished(8, 3, "w2", Outcome(10), null));

        // 10 epochs of 44 bytes, and a few fields: JSON took about 2,000 bytes for the same.
        Assert.InRange(bytes.Length, 10 * 44, 10 * 44 + 60);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Truncation_at_every_byte_is_refused_naming_the_message(IProtocolMessage message)
    {
        var (bytes, manifest) = Serialize(message);
        // Every offset of small messages; of the 32 KiB ones, every offset around their fields and a stride through the bytes.
        var offsets = Enumerable.Range(0, bytes.Length).Where(n => bytes.Length < 4096 || n < 512 || n > bytes.Length - 512 || n % 997 == 0);

        foreach (var length in offsets)
        {
            var error = Assert.Throws<SerializationException>(() => Deserialize(bytes[..length], manifest));
            Assert.Contains($"malformed protocol message '{manifest}'", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Bytes_after_the_end_are_refused(IProtocolMessage message)
    {
        var (bytes, manifest) = Serialize(message);

        var error = Assert.Throws<SerializationException>(() => Deserialize([.. bytes, 0], manifest));

        Assert.Contains("1 bytes follow the end", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_absurd_epoch_count_is_refused_before_anything_is_allocated()
    {
        var (bytes, manifest) = Serialize(new TrialFinished(7, 1, "w1", Outcome(2), null));
        const int countAt = 4 + 4 + 4 + 2;

        var error = Assert.Throws<SerializationException>(() => Deserialize(Patched(bytes, countAt, int.MaxValue), manifest));
        var negative = Assert.Throws<SerializationException>(() => Deserialize(Patched(bytes, countAt, -5), manifest));

        Assert.Equal("malformed protocol message 'trial-finished/3': the epochs at byte 14 claims 2147483647 entries, but the 105 bytes left hold at most 2", error.Message);
        Assert.Contains("claims -5 entries", negative.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lying_lengths_unknown_kinds_bad_flags_and_bad_text_are_refused_with_what_is_wrong()
    {
        var (request, requestManifest) = Serialize(new RequestTrial("w1", 1));
        var (assignment, assignmentManifest) = Serialize(new TrialAssignment(1, 1, 0, 0, HyperparameterSet.Empty.With("a", new HyperparameterValue.Flag(true)), 0, 1, 7, null));
        // The one hyperparameter starts after four ints and the count: its name, its kind, its value.
        const int kindAt = 4 * 4 + 4 + 4 + 1;

        Assert.Contains("claims 1000000 bytes, only 6 follow", Refused(Patched(request, 0, 1_000_000), requestManifest), StringComparison.Ordinal);
        Assert.Contains("negative length", Refused(Patched(request, 0, -2), requestManifest), StringComparison.Ordinal);
        Assert.Contains("the worker id is missing", Refused(Patched(request, 0, -1), requestManifest), StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", Refused([.. request[..4], 0xC3, 0x28, .. request[6..]], requestManifest), StringComparison.Ordinal);
        Assert.Contains("hyperparameter 'a' is of kind 9", Refused(Set(assignment, kindAt, 9), assignmentManifest), StringComparison.Ordinal);
        Assert.Contains("hyperparameter 'a' is 2, neither 0 nor 1", Refused(Set(assignment, kindAt + 1, 2), assignmentManifest), StringComparison.Ordinal);
    }

    [Fact]
    public void A_hyperparameter_named_twice_is_refused()
    {
        var (one, manifest) = Serialize(new TrialAssignment(1, 1, 0, 0, HyperparameterSet.Empty.With("a", new HyperparameterValue.Flag(true)), 0, 1, 7, null));
        const int countAt = 4 * 4;
        byte[] entry = [.. one[(countAt + 4)..(countAt + 4 + 4 + 1 + 1 + 1)]];
        byte[] twice = [.. Patched(one, countAt, 2)[..(countAt + 4)], .. entry, .. entry, .. one[(countAt + 4 + entry.Length)..]];

        Assert.Contains("hyperparameter 'a' appears twice", Refused(twice, manifest), StringComparison.Ordinal);
    }

    [Fact]
    public void An_inline_checkpoint_over_the_limit_is_refused()
    {
        var tooLarge = new byte[CheckpointShelf.InlineLimit + 1];
        var (bytes, manifest) = Serialize(new TrialFinished(1, 1, "w", Outcome(1), CheckpointShelf.Describe("c", tooLarge), tooLarge));

        Assert.Contains($"the inline checkpoint has {tooLarge.Length} bytes, more than the {CheckpointShelf.InlineLimit} allowed", Refused(bytes, manifest), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("trial-finished/4")]
    [InlineData("trial-finished/2")]
    [InlineData("trial-assignment/2")]
    public void Another_version_of_a_message_is_refused_as_another_protocol(string manifest)
    {
        var (bytes, _) = Serialize(new TrialFinished(1, 1, "w", Outcome(1), null));

        Assert.Contains("another protocol version", Refused(bytes, manifest), StringComparison.Ordinal);
    }

    private (byte[] Bytes, string Manifest) Serialize(IProtocolMessage message)
    {
        var serializer = new ProtocolSerializer((Akka.Actor.ExtendedActorSystem)Sys);
        return (serializer.ToBinary(message), serializer.Manifest(message));
    }

    private object Deserialize(byte[] bytes, string manifest) => new ProtocolSerializer((Akka.Actor.ExtendedActorSystem)Sys).FromBinary(bytes, manifest);

    private string Refused(byte[] bytes, string manifest) => Assert.Throws<SerializationException>(() => Deserialize(bytes, manifest)).Message;

    // NaN payloads and the sign of zero, which equality of doubles does not see.
    private static IEnumerable<long> Bits(TrialOutcome outcome) => outcome.Epochs.SelectMany(e =>
        new[] { e.TrainLoss, e.TrainAccuracy, e.ValidationLoss, e.ValidationAccuracy }.Select(BitConverter.DoubleToInt64Bits));

    private static byte[] Patched(byte[] bytes, int offset, int value)
    {
        var copy = bytes.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }

    private static byte[] Set(byte[] bytes, int offset, byte value)
    {
        var copy = bytes.ToArray();
        copy[offset] = value;
        return copy;
    }
}
