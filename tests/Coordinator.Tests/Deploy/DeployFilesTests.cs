using System.Diagnostics;
using System.Xml.Linq;
using Tuner.Coordinator.Commands;
using Tuner.Coordinator.Persistence;
using Tuner.Shared.Hosting;
using Tuner.Shared.Tests.Tls;
using Tuner.TrialWorker.Hosting;

namespace Tuner.Coordinator.Tests.Deploy;

/// <summary>
/// What can be checked of deploy/ without a Docker engine or a Kubernetes cluster: the files parse, the paths they
/// name exist, their variables reach bound settings, their command lines parse with the programs' own parsers and
/// their node settings validate, and the workers are pointed at the coordinator's advertised address.
/// </summary>
public sealed class DeployFilesTests
{
    private static readonly string[] Images = [Launch.CoordinatorImage, Launch.WorkerImage];

    private static IEnumerable<Launch> Launches => Launch.FromCompose().Concat(Launch.FromKubernetes());

    // The TLS variants: compose.tls.yaml laid over compose.yaml, and the kustomize overlay kubernetes/tls.
    private static IEnumerable<List<Launch>> TlsGroups =>
        [Launch.FromCompose("deploy/compose.yaml", "deploy/compose.tls.yaml").ToList(), Launch.FromKubernetes("deploy/kubernetes/tls").ToList()];

    [Fact]
    public void Every_yaml_file_parses_into_mappings_of_a_known_kind()
    {
        var compose = DeployFiles.Yaml(DeployFiles.PathOf("deploy/compose.yaml")).Single();
        var services = DeployFiles.Map(compose.Get("services"), "services").Keys.Cast<string>().ToList();
        Assert.Equal(["coordinator", "worker-1", "worker-2", "worker-3", "journal", "seq"], services);

        var kinds = DeployFiles.KubernetesFiles.SelectMany(DeployFiles.Yaml).Select(d => (string?)d.Get("kind")).Order(StringComparer.Ordinal);
        Assert.Equal(["Deployment", "Kustomization", "Namespace", "NetworkPolicy", "Service", "StatefulSet"], kinds);
    }

    [Fact]
    public void Every_path_the_files_name_exists()
    {
        var missing = new List<string>();
        foreach (var image in Images)
        {
            missing.AddRange(DeployFiles.Dockerfile(image).CopySources.Where(s => !Exists(s)).Select(s => $"{image}: COPY {s}"));
        }
        var compose = DeployFiles.Yaml(DeployFiles.PathOf("deploy/compose.yaml")).Single();
        foreach (var (name, service) in DeployFiles.Map(compose.Get("services"), "services"))
        {
            if (DeployFiles.Map(service, $"{name}").Get("build") is Dictionary<object, object> build)
            {
                var context = Path.GetFullPath(Path.Combine(DeployFiles.PathOf("deploy"), (string)build.Get("context")!));
                Assert.Equal(DeployFiles.Root, context.TrimEnd('/'));
                if (!File.Exists(Path.Combine(context, (string)build.Get("dockerfile")!)))
                {
                    missing.Add($"compose service {name}: dockerfile {build.Get("dockerfile")}");
                }
            }
        }
        var kustomization = DeployFiles.Yaml(DeployFiles.PathOf("deploy/kubernetes/kustomization.yaml")).Single();
        var resources = DeployFiles.List(kustomization.Get("resources"), "resources").Cast<string>().ToList();
        missing.AddRange(resources.Where(r => !File.Exists(DeployFiles.PathOf($"deploy/kubernetes/{r}"))).Select(r => $"kustomization: {r}"));
        Assert.Empty(missing);
        // Every manifest is applied: none forgotten in the kustomization.
        Assert.Equal(DeployFiles.KubernetesFiles.Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order(StringComparer.Ordinal), resources.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Images_run_the_published_program_as_the_readme_documents_it()
    {
        var readme = File.ReadAllText(DeployFiles.PathOf("README.md"));
        foreach (var image in Images)
        {
            var dockerfile = DeployFiles.Dockerfile(image);
            var assembly = XDocument.Load(DeployFiles.PathOf(dockerfile.PublishedProject)).Descendants("AssemblyName").Single().Value;
            Assert.Equal(["dotnet", $"/app/{assembly}.dll"], dockerfile.Entrypoint);
            Assert.Contains($"dotnet {assembly}.dll", readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_environment_variable_reaches_a_setting_the_programs_bind()
    {
        var variables = Images.SelectMany(i => DeployFiles.Dockerfile(i).Environment)
            .Concat(Launches.Concat(TlsGroups.SelectMany(g => g)).SelectMany(l => l.Environment));
        Assert.Empty(variables.Select(kv => SettingsBinding.Problem(kv.Key, kv.Value)).OfType<string>().Distinct());
        // The check itself refuses a name no program binds and a value that does not fit.
        Assert.NotNull(SettingsBinding.Problem("Node__PublicHost", "coordinator"));
        Assert.NotNull(SettingsBinding.Problem("Nodes__Port", "4053"));
        Assert.NotNull(SettingsBinding.Problem("Worker__Slots", "two"));
    }

    [Fact]
    public void Every_command_line_parses_and_its_node_settings_validate()
    {
        var launches = Launches.ToList();
        // Compose's coordinator and three workers, Kubernetes' coordinator and worker template.
        Assert.Equal((2, 4), (launches.Count(l => l.IsCoordinator), launches.Count(l => !l.IsCoordinator)));
        foreach (var launch in launches)
        {
            var parse = launch.IsCoordinator ? TunerCommandLine.Build().Parse([.. launch.Arguments]) : WorkerCommandLine.Build().Parse([.. launch.Arguments]);
            Assert.True(parse.Errors.Count == 0, $"{launch.Where}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
            if (launch.IsCoordinator)
            {
                Assert.Equal("tune", parse.CommandResult.Command.Name);
            }
            var node = SettingsSection.Bind<NodeSettings>(SettingsBinding.Configuration(launch.Environment), "Node");
            var validation = Record.Exception(node.Validate);
            Assert.True(validation is null, $"{launch.Where}: {validation?.Message}");
            Assert.Equal("0.0.0.0", node.Hostname);
            if (launch.IsCoordinator)
            {
                var journal = Record.Exception(SettingsSection.Bind<PersistenceSettings>(SettingsBinding.Configuration(launch.Environment), "Persistence").Validate);
                Assert.True(journal is null, $"{launch.Where}: {journal?.Message}");
            }
        }
    }

    [Fact]
    public void Workers_join_the_address_the_coordinator_advertises()
    {
        foreach (var group in new[] { Launch.FromCompose().ToList(), Launch.FromKubernetes().ToList() })
        {
            var coordinator = SettingsSection.Bind<NodeSettings>(SettingsBinding.Configuration(group.Single(l => l.IsCoordinator).Environment), "Node");
            var advertised = $"akka.tcp://{coordinator.ActorSystemName}@{coordinator.PublicHostname}:{coordinator.Port}";
            foreach (var worker in group.Where(l => !l.IsCoordinator))
            {
                var node = SettingsSection.Bind<NodeSettings>(SettingsBinding.Configuration(worker.Environment), "Node");
                Assert.Equal([advertised], node.SeedNodes);
            }
        }
        // Compose's workers reach the coordinator by its service name; Kubernetes' through the headless service.
        var kubernetes = Launch.FromKubernetes().Single(l => l.IsCoordinator).Environment["Node__PublicHostname"];
        Assert.Equal("coordinator-0.coordinator.tuner.svc.cluster.local", kubernetes);
        Assert.Equal("coordinator", Launch.FromCompose().Single(l => l.IsCoordinator).Environment["Node__PublicHostname"]);
        Assert.All(Launch.FromCompose(), l => Assert.Equal($"compose service {l.Environment["Node__PublicHostname"]}", l.Where));
    }

    [Fact]
    public void The_tls_variants_give_every_node_a_mounted_certificate_and_its_password_and_join_over_tls()
    {
        using var certificates = new TestCertificates();
        var (pfx, _) = certificates.Pfx("node");
        foreach (var group in TlsGroups)
        {
            foreach (var launch in group)
            {
                var parse = launch.IsCoordinator ? TunerCommandLine.Build().Parse([.. launch.Arguments]) : WorkerCommandLine.Build().Parse([.. launch.Arguments]);
                Assert.True(parse.Errors.Count == 0, $"{launch.Where}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
                Assert.True(launch.TlsCertificate is not null, $"{launch.Where} gives no --tls-certificate");
                Assert.True(launch.SecretFiles.Contains(launch.TlsCertificate), $"{launch.Where}: {launch.TlsCertificate} is not mounted from a secret ({string.Join(", ", launch.SecretFiles)})");
                Assert.True(launch.Environment.TryGetValue("Node__Tls__Password", out var password) && password is Launch.SecretValue or "${TUNER_TLS_PASSWORD:?set TUNER_TLS_PASSWORD}",
                    $"{launch.Where}: Node__Tls__Password does not come from a secret or the host's environment");
                // The flag laid over the environment as the programs lay it, a real certificate standing in for the mounted one.
                var node = SettingsSection.Bind<NodeSettings>(SettingsBinding.Configuration(new Dictionary<string, string>(launch.Environment)
                {
                    ["Node__Tls__CertificatePath"] = pfx,
                    ["Node__Tls__Password"] = TestCertificates.Password,
                }), "Node");
                var validation = Record.Exception(node.Validate);
                Assert.True(validation is null, $"{launch.Where}: {validation?.Message}");
            }
            var coordinator = SettingsSection.Bind<NodeSettings>(SettingsBinding.Configuration(group.Single(l => l.IsCoordinator).Environment), "Node");
            foreach (var worker in group.Where(l => !l.IsCoordinator))
            {
                var node = SettingsSection.Bind<NodeSettings>(SettingsBinding.Configuration(worker.Environment), "Node");
                Assert.Equal([$"akka.ssl.tcp://{coordinator.ActorSystemName}@{coordinator.PublicHostname}:{coordinator.Port}"], node.SeedNodes);
            }
        }
        // The TLS variants change only TLS: the same nodes, the same command but for the certificate, the same environment
        // but for the seed node's scheme and the password.
        var plains = Launches.ToList();
        var tlsLaunches = TlsGroups.SelectMany(g => g).ToList();
        Assert.Equal(plains.Count, tlsLaunches.Count);
        foreach (var (plain, tls) in plains.Zip(tlsLaunches))
        {
            Assert.Equal([.. plain.Arguments, "--tls-certificate", tls.TlsCertificate!], tls.Arguments);
            Assert.Equal(
                plain.Environment.Where(kv => kv.Key != "Node__SeedNodes__0").OrderBy(kv => kv.Key, StringComparer.Ordinal),
                tls.Environment.Where(kv => kv.Key is not ("Node__SeedNodes__0" or "Node__Tls__Password")).OrderBy(kv => kv.Key, StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Kubernetes_opens_exactly_the_ports_the_nodes_listen_on()
    {
        var listening = Launch.FromKubernetes().Select(l => l.Environment["Node__Port"]).Order(StringComparer.Ordinal).ToList();
        var documents = DeployFiles.KubernetesFiles.SelectMany(DeployFiles.Yaml).ToList();
        var policy = DeployFiles.Map(documents.Single(d => (string?)d.Get("kind") == "NetworkPolicy").Get("spec"), "policy spec");
        var rule = DeployFiles.Map(DeployFiles.List(policy.Get("ingress"), "ingress").Single(), "ingress rule");
        var opened = DeployFiles.List(rule.Get("ports"), "ports").Select(p => (string)DeployFiles.Map(p, "port").Get("port")!).Order(StringComparer.Ordinal);
        Assert.Equal(listening, opened);
        var containerPorts = documents.Where(d => (string?)d.Get("kind") is "StatefulSet" or "Deployment")
            .SelectMany(d => DeployFiles.List(DeployFiles.Map(DeployFiles.Map(DeployFiles.Map(d.Get("spec"), "spec").Get("template"), "template").Get("spec"), "pod").Get("containers"), "containers"))
            .SelectMany(c => DeployFiles.List(DeployFiles.Map(c, "container").Get("ports"), "ports"))
            .Select(p => (string)DeployFiles.Map(p, "port").Get("containerPort")!).Order(StringComparer.Ordinal);
        Assert.Equal(listening, containerPorts);
        var service = DeployFiles.Map(documents.Single(d => (string?)d.Get("kind") == "Service").Get("spec"), "service spec");
        Assert.Equal(Launch.FromKubernetes().Single(l => l.IsCoordinator).Environment["Node__Port"], (string)DeployFiles.Map(DeployFiles.List(service.Get("ports"), "ports").Single(), "port").Get("port")!);
    }

    [Fact]
    public void Local_cluster_script_passes_bash_and_shellcheck()
    {
        var script = DeployFiles.PathOf("deploy/run-local-cluster.sh");
        Assert.Equal((0, ""), Run("bash", "-n", script));
        var shellcheck = new[] { "/usr/bin/shellcheck", "/usr/local/bin/shellcheck" }.FirstOrDefault(File.Exists);
        Assert.SkipWhen(shellcheck is null, "shellcheck is not installed (test.sh installs Debian's)");
        Assert.Equal((0, ""), Run(shellcheck!, script));
    }

    private static bool Exists(string relative) =>
        File.Exists(DeployFiles.PathOf(relative)) || Directory.Exists(DeployFiles.PathOf(relative));

    private static (int Code, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }
}
