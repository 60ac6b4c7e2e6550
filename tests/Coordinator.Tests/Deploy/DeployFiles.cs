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
