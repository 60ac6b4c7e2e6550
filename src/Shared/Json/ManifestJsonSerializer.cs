using System.Collections.Frozen;
using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace Tuner.Shared.Json;

/// <summary>
/// JSON under short, versioned manifests. A manifest maps to a type through a fixed table, so bytes from a peer or a
/// database can never make this process instantiate a type they name.
/// </summary>
public abstract class ManifestJsonSerializer : SerializerWithStringManifest
{
    private readonly FrozenDictionary<Type, string> _manifestsByType;
    private readonly FrozenDictionary<string, Type> _typesByManifest;
    private readonly JsonSerializerOptions _json;

    // olderManifests: earlier versions still read into today's types (and never written), only those whose bytes
    // today's type reads as they were written, e.g. where the new version added a property that may be missing.
    protected ManifestJsonSerializer(ExtendedActorSystem system, IReadOnlyDictionary<Type, string> manifests, JsonSerializerOptions json, IReadOnlyDictionary<string, Type>? olderManifests = null)
        : base(system)
    {
        _manifestsByType = manifests.ToFrozenDictionary();
        _typesByManifest = manifests.Select(pair => KeyValuePair.Create(pair.Value, pair.Key))
            .Concat(olderManifests ?? new Dictionary<string, Type>())
            .ToFrozenDictionary(StringComparer.Ordinal);
        _json = json;
    }

    /// <summary>What this serializer carries, as it appears in error messages ("protocol message", "journal entry").</summary>
    protected abstract string What { get; }

    /// <summary>The error for a manifest missing from the table: what probably happened and how to fix it.</summary>
    protected abstract string UnknownManifest(string manifest);

    public override string Manifest(object o) =>
        _manifestsByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"{o.GetType()} is not a {What}; add it to {GetType().Name}'s table", nameof(o));

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), _json);

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!_typesByManifest.TryGetValue(manifest, out var type))
        {
            throw new SerializationException(UnknownManifest(manifest));
        }
        try
        {
            return JsonSerializer.Deserialize(bytes, type, _json) ?? throw new SerializationException($"{What} '{manifest}' was empty");
        }
        catch (JsonException e)
        {
            throw new SerializationException($"malformed {What} '{manifest}': {e.Message}", e);
        }
    }
}
