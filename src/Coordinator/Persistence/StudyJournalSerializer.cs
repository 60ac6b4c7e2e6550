using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Tuner.Shared.Hyperparameters;
using Tuner.Shared.Json;

namespace Tuner.Coordinator.Persistence;

/// <summary>The coordinator's journal entries as JSON under short, versioned manifests.</summary>
public sealed class StudyJournalSerializer(ExtendedActorSystem system)
    : ManifestJsonSerializer(system, Manifests, Json, OlderManifests)
{
    public const int SerializerIdentifier = 318;

    /// <summary>Every type the journal holds, with its manifest; a change of shape takes a new version number.</summary>
    public static readonly IReadOnlyDictionary<Type, string> Manifests = new Dictionary<Type, string>
    {
        [typeof(StudyStarted)] = "study-started/1",
        [typeof(RunStarted)] = "run-started/1",
        [typeof(RunCompleted)] = "run-completed/2",
        [typeof(RunFailed)] = "run-failed/1",
        [typeof(RunLost)] = "run-lost/1",
        [typeof(RunInterrupted)] = "run-interrupted/1",
        [typeof(StudyCompleted)] = "study-completed/1",
        [typeof(LedgerSnapshot)] = "ledger-snapshot/2",
    };

    /// <summary>
    /// Journals written before small checkpoints were kept inline: version 1 of these entries is version 2 without the
    /// bytes, so a study journaled by that version still resumes and reprints.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Type> OlderManifests = new Dictionary<string, Type>
    {
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

    protected override string UnknownManifest(string manifest) =>
        $"unknown journal entry '{manifest}': the journal was written by another version of the tuner; resume it with that version, or start afresh with --overwrite";
}
