using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;

namespace Tuner.Shared.Tls;

/// <summary>
/// Accepts a peer only by its certificate's fingerprint: nodes usually carry self-signed certificates, so chains and
/// host names prove nothing here, while a pinned fingerprint names exactly the certificates allowed in.
/// </summary>
public sealed class CertificatePinning
{
    private readonly HashSet<string> _trusted;

    public CertificatePinning(IEnumerable<string> trustedFingerprints)
    {
        _trusted = trustedFingerprints.Select(Normalize).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>This node's own certificate and the configured ones: one shared certificate needs no list at all.</summary>
    public static CertificatePinning For(TlsSettings tls, X509Certificate2 own)
    {
        foreach (var thumbprint in tls.TrustedThumbprints)
        {
            if (Normalize(thumbprint).Length is not (40 or 64) || !Normalize(thumbprint).All(char.IsAsciiHexDigit))
            {
                throw new ArgumentException(
                    $"Node:Tls:TrustedThumbprints (--tls-trust) '{thumbprint}' is not a certificate fingerprint: give its SHA-256 (64 hex digits, e.g. from `openssl x509 -noout -fingerprint -sha256 -in node.crt`) or SHA-1");
            }
        }
        return new CertificatePinning([.. tls.TrustedThumbprints, Fingerprint(own)]);
    }

    public static string Fingerprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>A certificate is trusted when it is pinned (by SHA-256 or SHA-1) and valid at <paramref name="now"/>.</summary>
    public bool Trusts(X509Certificate2? certificate, DateTime now) =>
        certificate is not null
        && now >= certificate.NotBefore && now <= certificate.NotAfter
        && (_trusted.Contains(Fingerprint(certificate)) || _trusted.Contains(certificate.GetCertHashString(HashAlgorithmName.SHA1)));

    public CertificateValidationCallback Callback() => (certificate, _, peer, _, log) =>
    {
        if (Trusts(certificate, DateTime.Now))
        {
            return true;
        }
        log.Warning(
            "Refused TLS peer {0}: its certificate {1} (SHA-256 {2}) is not in Node:Tls:TrustedThumbprints or is outside its validity period",
            peer, certificate?.Subject ?? "(none)", certificate is null ? "-" : Fingerprint(certificate));
        return false;
    };

    private static string Normalize(string fingerprint) =>
        fingerprint.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}
