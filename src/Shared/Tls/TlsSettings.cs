using System.Security.Cryptography.X509Certificates;

namespace Tuner.Shared.Tls;

/// <summary>
/// TLS for remoting, bound from "Node:Tls". Off unless a certificate is given; then every connection is mutually
/// authenticated and a peer is accepted only when its certificate is pinned here (or is this node's own).
/// </summary>
public sealed class TlsSettings
{
    /// <summary>The node's certificate with its private key, as a PFX (PKCS#12) file.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PFX file's password: from configuration or the environment (<c>Node__Tls__Password</c>), never a flag.</summary>
    public string? Password { get; set; }

    /// <summary>SHA-256 or SHA-1 fingerprints (hex, colons allowed) of the peers' certificates, besides this node's own.</summary>
    public IReadOnlyList<string> TrustedThumbprints { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);

    private X509Certificate2? _certificate;

    /// <summary>
    /// This node's certificate, opened on first use and kept, so that checking the settings and configuring remoting
    /// read the PFX once; throws <see cref="ArgumentException"/> saying how to fix it.
    /// </summary>
    public X509Certificate2 Certificate() => _certificate ??= NodeCertificate.Load(this);
}
