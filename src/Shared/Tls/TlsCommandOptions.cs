using System.CommandLine;
using Tuner.Shared.Hosting;

namespace Tuner.Shared.Tls;

/// <summary>
/// The TLS flags of every verb that joins or asks a cluster, laid over "Node:Tls"; the certificate's password never
/// comes from a flag (it would show in the process list), only from configuration or <c>Node__Tls__Password</c>.
/// </summary>
public sealed class TlsCommandOptions
{
    private readonly Option<string?> certificate = new("--tls-certificate")
    {
        Description = "This node's certificate and private key as a PFX (PKCS#12) file; turns on TLS (addresses become akka.ssl.tcp://). Password: Node:Tls:Password or the environment variable Node__Tls__Password (or Node:Tls:CertificatePath)",
    };

    private readonly Option<string[]> trust = new("--tls-trust")
    {
        Description = "SHA-256 fingerprint of a peer's certificate to accept (repeatable; this node's own is always accepted; or Node:Tls:TrustedThumbprints)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(certificate);
        command.Options.Add(trust);
    }

    public ConfigurationOverrides Overrides(ParseResult result, ConfigurationOverrides overrides) =>
        overrides
            .Set("Node:Tls:CertificatePath", result.GetValue(certificate))
            .SetList("Node:Tls:TrustedThumbprints", result.GetValue(trust) ?? []);
}
