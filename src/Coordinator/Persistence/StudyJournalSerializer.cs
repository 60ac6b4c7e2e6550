using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Tuner.Shared.Hyperparameters;
using Tuner.Shared.Json;

namespace Tuner.Coordinator.Persistence;

/// <summary>
/// The coordinator's journal entries under short, versioned manifests: those written per result in a compact binary
/// form (<see cref="BinaryEntries"/>), the rest as JSON.
/// </summary>
public sealed class StudyJournalSerializer(ExtendedActorSystem system)
    : ManifestJsonSerializer(system, Manifests, Json, OlderManifests)
{
    public const int SerializerIdentifier = 318;

    /// <summary>Every type the journal holds, with its manifest; a change of shape takes a new version number.</summary>
    public static readonly IReadOnlyDictionary<Type, string> Manifests = new Dictionary<Type, string>
    {
        [typeof(StudyStarted)] = "study-started/1",
        [typeof(RunStarted)] = BinaryEntries.Manifests[typeof(RunStarted)],
        [typeof(RunCompleted)] = BinaryEntries.Manifests[typeof(RunCompleted)],
        [typeof(RunFailed)] = BinaryEntries.Manifests[typeof(RunFailed)],
        [typeof(RunLost)] = "run-lost/1",
        [typeof(RunInterrupted)] = "run-interrupted/1",
        [typeof(StudyCompleted)] = "study-completed/1",
        [typeof(LedgerSnapshot)] = BinaryEntries.SnapshotManifest,
    };

    /// <summary>
    /// Earlier versions, still read (as JSON) so that a study journaled by them resumes and reprints: the snapshot and
    /// the per-result entries before they were binary, and before that, version 1 of run-completed and ledger-snapshot, which is
    /// version 2 without the small checkpoint's bytes.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Type> OlderManifests = new Dictionary<string, Type>
    {
        ["ledger-snapshot/2"] = typeof(LedgerSnapshot),
        ["run-started/1"] = typeof(RunStarted),
        ["run-completed/2"] = typeof(RunCompleted),
        ["run-failed/1"] = typeof(RunFailed),
        ["run-completed/1"] = typeof(RunCompleted),
        ["ledger-snapshot/1"] = typeof(LedgerSnapshot),
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new HyperparameterSetJsonConverter(), new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public override int Identifier => SerializerIdentifier;

    protected override string What => "journal entry";

    public override byte[] ToBinary(object obj) => obj switch
    {
        LedgerSnapshot snapshot => BinaryEntries.WriteSnapshot(snapshot, base.ToBinary(snapshot.Started)),
        IStudyJournalEntry entry when BinaryEntries.Manifests.ContainsKey(obj.GetType()) => BinaryEntries.Write(entry),
        _ => base.ToBinary(obj),
    };

    public override object FromBinary(byte[] bytes, string manifest) =>
        manifest == BinaryEntries.SnapshotManifest ? BinaryEntries.ReadSnapshot(bytes, started => (StudyStarted)base.FromBinary(started, Manifests[typeof(StudyStarted)]))
        : BinaryEntries.TryRead(bytes, manifest, out var entry) ? entry
        : base.FromBinary(bytes, manifest);

    /// <summary>An entry as JSON, the form every entry had before its binary version: how older journals were written.</summary>
    internal byte[] ToJson(IStudyJournalEntry entry) => base.ToBinary(entry);

    protected override string UnknownManifest(string manifest) =>
        $"unknown journal entry '{manifest}': the journal was written by another version of the tuner; resume it with that version, or start afresh with --overwrite";
}
