using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Tuner.Coordinator.Tests.Deploy;

/// <summary>The repository's deploy/ folder, found from the test's build output, and its YAML read as plain maps and lists.</summary>
internal static class DeployFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static Dockerfile Dockerfile(string name) => Deploy.Dockerfile.Read(PathOf($"deploy/{name}"));

    public static IEnumerable<string> KubernetesFiles =>
        Directory.GetFiles(PathOf("deploy/kubernetes"), "*.yaml").Order(StringComparer.Ordinal);

    /// <summary>Every document of a YAML file, anchors and merge keys (&lt;&lt;) resolved as Compose resolves them.</summary>
    public static IReadOnlyList<Dictionary<object, object>> Yaml(string path)
    {
        using var reader = File.OpenText(path);
        var parser = new MergingParser(new Parser(reader));
        var deserializer = new DeserializerBuilder().Build();
        var documents = new List<Dictionary<object, object>>();
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            documents.Add(deserializer.Deserialize<Dictionary<object, object>>(parser)
                ?? throw new InvalidDataException($"{path} has an empty document"));
        }
        return documents;
    }

    /// <summary>
    /// <paramref name="patch"/> laid over <paramref name="original"/> as Compose overrides and kustomize's strategic merge
    /// patches do: mappings merge key by key, lists of named entries (containers, env, volumes) merge by name, and any
    /// other value is replaced.
    /// </summary>
    public static object? Overlay(object? original, object? patch)
    {
        if (original is Dictionary<object, object> map && patch is Dictionary<object, object> changes)
        {
            var merged = new Dictionary<object, object>(map);
            foreach (var (key, value) in changes)
            {
                merged[key] = Overlay(merged.GetValueOrDefault(key), value)!;
            }
            return merged;
        }
        if (original is List<object> list && patch is List<object> entries && list.Concat(entries).All(e => e is Dictionary<object, object> d && d.ContainsKey("name")))
        {
            var merged = list.Cast<Dictionary<object, object>>().ToList();
            foreach (var entry in entries.Cast<Dictionary<object, object>>())
            {
                var index = merged.FindIndex(e => Equals(e["name"], entry["name"]));
                if (index < 0)
                {
                    merged.Add(entry);
                }
                else
                {
                    merged[index] = (Dictionary<object, object>)Overlay(merged[index], entry)!;
                }
            }
            return merged.Cast<object>().ToList();
        }
        return patch;
    }

    /// <summary>The documents a kustomization folder applies: its resources (files, or folders built the same way) with its patches laid over.</summary>
    public static IReadOnlyList<Dictionary<object, object>> Kustomize(string folder)
    {
        var kustomization = Yaml(Path.Combine(folder, "kustomization.yaml")).Single();
        var documents = new List<Dictionary<object, object>>();
        foreach (var resource in List(kustomization.Get("resources"), "resources").Cast<string>().Select(r => Path.GetFullPath(Path.Combine(folder, r))))
        {
            documents.AddRange(Directory.Exists(resource) ? Kustomize(resource) : Yaml(resource));
        }
        var patches = kustomization.Get("patches") is { } p ? List(p, "patches") : [];
        foreach (var file in patches.Select(patch => (string)Map(patch, "patch").Get("path")!))
        {
            foreach (var patch in Yaml(Path.Combine(folder, file)))
            {
                var index = documents.FindIndex(d => Equals(d.Get("kind"), patch.Get("kind")) && Equals(Name(d), Name(patch)));
                if (index < 0)
                {
                    throw new InvalidDataException($"{file} patches {patch.Get("kind")} {Name(patch)}, which the resources of {folder} lack");
                }
                documents[index] = (Dictionary<object, object>)Overlay(documents[index], patch)!;
            }
        }
        return documents;
    }

    public static string? Name(Dictionary<object, object> document) => (string?)Map(document.Get("metadata"), "metadata").Get("name");

    public static Dictionary<object, object> Map(object? node, string what) =>
        node as Dictionary<object, object> ?? throw new InvalidDataException($"{what} is not a mapping");

    public static List<object> List(object? node, string what) =>
        node as List<object> ?? throw new InvalidDataException($"{what} is not a list");

    public static object? Get(this Dictionary<object, object> map, string key) => map.GetValueOrDefault(key);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cluster.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"no Cluster.sln above {AppContext.BaseDirectory}");
    }
}
