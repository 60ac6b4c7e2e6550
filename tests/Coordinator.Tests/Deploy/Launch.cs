namespace Tuner.Coordinator.Tests.Deploy;

/// <summary>
/// One way the deployment files start a program: the image it runs, the environment it gets (the image's ENV overlaid by
/// the service's) and its arguments (the service's command, else the image's CMD).
/// </summary>
internal sealed record Launch(string Where, string Image, IReadOnlyDictionary<string, string> Environment, IReadOnlyList<string> Arguments)
{
    public const string CoordinatorImage = "coordinator.Dockerfile";
    public const string WorkerImage = "worker.Dockerfile";

    // A value the platform fills in at run time (the pod's IP through the downward API).
    public const string PodIp = "10.1.2.3";

    public bool IsCoordinator => Image == CoordinatorImage;

    public static Launch Of(string where, string image, IEnumerable<KeyValuePair<string, string>> environment, IReadOnlyList<string>? arguments)
    {
        var dockerfile = DeployFiles.Dockerfile(image);
        var merged = new Dictionary<string, string>(dockerfile.Environment);
        foreach (var (key, value) in environment)
        {
            merged[key] = value;
        }
        return new Launch(where, image, merged, arguments ?? dockerfile.Command);
    }

    public static IEnumerable<Launch> FromCompose()
    {
        var compose = DeployFiles.Yaml(DeployFiles.PathOf("deploy/compose.yaml")).Single();
        foreach (var (name, node) in DeployFiles.Map(compose.Get("services"), "services"))
        {
            var service = DeployFiles.Map(node, $"service {name}");
            if (service.Get("build") is not Dictionary<object, object> build)
            {
                continue;
            }
            var image = Path.GetFileName((string)build.Get("dockerfile")!);
            var environment = service.Get("environment") is { } env
                ? DeployFiles.Map(env, $"{name}'s environment").Select(kv => KeyValuePair.Create((string)kv.Key, (string)kv.Value))
                : [];
            var command = service.Get("command") is { } c ? DeployFiles.List(c, $"{name}'s command").Cast<string>().ToList() : null;
            yield return Of($"compose service {name}", image, environment, command);
        }
    }

    public static IEnumerable<Launch> FromKubernetes()
    {
        foreach (var file in DeployFiles.KubernetesFiles)
        {
            foreach (var document in DeployFiles.Yaml(file))
            {
                if ((string?)document.Get("kind") is not ("StatefulSet" or "Deployment"))
                {
                    continue;
                }
                var spec = DeployFiles.Map(DeployFiles.Map(DeployFiles.Map(document.Get("spec"), "spec").Get("template"), "template").Get("spec"), "pod spec");
                foreach (var node in DeployFiles.List(spec.Get("containers"), "containers"))
                {
                    var container = DeployFiles.Map(node, "container");
                    var image = ((string)container.Get("image")!).Split(':')[0] switch
                    {
                        "tuner-coordinator" => CoordinatorImage,
                        "tuner-worker" => WorkerImage,
                        var other => throw new InvalidDataException($"{Path.GetFileName(file)} runs image {other}, which deploy/ does not build"),
                    };
                    var environment = container.Get("env") is { } env
                        ? DeployFiles.List(env, "env").Select(e => DeployFiles.Map(e, "env entry")).Select(KubernetesVariable)
                        : [];
                    var arguments = container.Get("args") is { } a ? DeployFiles.List(a, "args").Cast<string>().ToList() : null;
                    yield return Of($"{Path.GetFileName(file)} container {container.Get("name")}", image, environment, arguments);
                }
            }
        }
    }

    private static KeyValuePair<string, string> KubernetesVariable(Dictionary<object, object> entry)
    {
        var name = (string)entry.Get("name")!;
        if (entry.Get("value") is string value)
        {
            return KeyValuePair.Create(name, value);
        }
        var field = DeployFiles.Map(DeployFiles.Map(entry.Get("valueFrom"), name).Get("fieldRef"), name).Get("fieldPath");
        return (string?)field == "status.podIP"
            ? KeyValuePair.Create(name, PodIp)
            : throw new InvalidDataException($"{name} comes from {field}, which these checks do not know");
    }
}
