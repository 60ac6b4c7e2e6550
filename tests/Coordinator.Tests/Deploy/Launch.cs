namespace Tuner.Coordinator.Tests.Deploy;

/// <summary>
/// One way the deployment files start a program: the image it runs, the environment it gets (the image's ENV overlaid by
/// the service's) and its arguments (the service's command, else the image's CMD).
/// </summary>
internal sealed record Launch(string Where, string Image, IReadOnlyDictionary<string, string> Environment, IReadOnlyList<string> Arguments, IReadOnlyList<string> SecretFiles)
{
    public const string CoordinatorImage = "coordinator.Dockerfile";
    public const string WorkerImage = "worker.Dockerfile";

    // A value the platform fills in at run time (the pod's IP through the downward API).
    public const string PodIp = "10.1.2.3";

    // A value the platform fills in from a secret.
    public const string SecretValue = "(from a secret)";

    public bool IsCoordinator => Image == CoordinatorImage;

    /// <summary>The path given with --tls-certificate, if any.</summary>
    public string? TlsCertificate => Arguments.SkipWhile(a => a != "--tls-certificate").Skip(1).FirstOrDefault();

    public static Launch Of(string where, string image, IEnumerable<KeyValuePair<string, string>> environment, IReadOnlyList<string>? arguments, IReadOnlyList<string> secretFiles)
    {
        var dockerfile = DeployFiles.Dockerfile(image);
        var merged = new Dictionary<string, string>(dockerfile.Environment);
        foreach (var (key, value) in environment)
        {
            merged[key] = value;
        }
        return new Launch(where, image, merged, arguments ?? dockerfile.Command, secretFiles);
    }

    /// <summary>The services of compose files laid over one another, as <c>docker compose -f A -f B</c> does.</summary>
    public static IEnumerable<Launch> FromCompose(params string[] files)
    {
        var compose = (Dictionary<object, object>)(files is [] ? ["deploy/compose.yaml"] : files)
            .Select(file => DeployFiles.Yaml(DeployFiles.PathOf(file)).Single())
            .Aggregate((object?)null, DeployFiles.Overlay)!;
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
            // Compose mounts a service's secrets (short syntax) at /run/secrets/NAME.
            var secrets = service.Get("secrets") is { } s ? DeployFiles.List(s, $"{name}'s secrets").Select(n => $"/run/secrets/{n}").ToList() : [];
            yield return Of($"compose service {name}", image, environment, command, secrets);
        }
    }

    /// <summary>The containers of a kustomization (deploy/kubernetes, or an overlay of it) as kubectl apply -k would run them.</summary>
    public static IEnumerable<Launch> FromKubernetes(string folder = "deploy/kubernetes")
    {
        foreach (var document in DeployFiles.Kustomize(DeployFiles.PathOf(folder)))
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
                    var other => throw new InvalidDataException($"{folder} {document.Get("kind")} runs image {other}, which deploy/ does not build"),
                };
                var environment = container.Get("env") is { } env
                    ? DeployFiles.List(env, "env").Select(e => DeployFiles.Map(e, "env entry")).Select(KubernetesVariable)
                    : [];
                var arguments = container.Get("args") is { } a ? DeployFiles.List(a, "args").Cast<string>().ToList() : null;
                yield return Of($"{folder} {document.Get("kind")} {DeployFiles.Name(document)} container {container.Get("name")}", image, environment, arguments, MountedSecrets(spec, container));
            }
        }
    }

    // The files a container sees from secret volumes: each item at its path under the volume's mount.
    private static List<string> MountedSecrets(Dictionary<object, object> pod, Dictionary<object, object> container)
    {
        var secrets = (pod.Get("volumes") is { } v ? DeployFiles.List(v, "volumes") : []).Select(e => DeployFiles.Map(e, "volume"))
            .Where(volume => volume.Get("secret") is not null)
            .ToDictionary(volume => (string)volume.Get("name")!, volume => DeployFiles.Map(volume.Get("secret"), "secret volume"));
        var mounts = container.Get("volumeMounts") is { } m ? DeployFiles.List(m, "volumeMounts").Select(e => DeployFiles.Map(e, "volume mount")) : [];
        return [.. mounts
            .Where(mount => secrets.ContainsKey((string)mount.Get("name")!))
            .SelectMany(mount => DeployFiles.List(secrets[(string)mount.Get("name")!].Get("items"), "secret items")
                .Select(item => $"{mount.Get("mountPath")}/{DeployFiles.Map(item, "secret item").Get("path")}"))];
    }

    private static KeyValuePair<string, string> KubernetesVariable(Dictionary<object, object> entry)
    {
        var name = (string)entry.Get("name")!;
        if (entry.Get("value") is string value)
        {
            return KeyValuePair.Create(name, value);
        }
        var from = DeployFiles.Map(entry.Get("valueFrom"), name);
        if (from.Get("secretKeyRef") is not null)
        {
            return KeyValuePair.Create(name, SecretValue);
        }
        var field = DeployFiles.Map(from.Get("fieldRef"), name).Get("fieldPath");
        return (string?)field == "status.podIP"
            ? KeyValuePair.Create(name, PodIp)
            : throw new InvalidDataException($"{name} comes from {field}, which these checks do not know");
    }
}
