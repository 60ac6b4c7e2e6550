using Akka.Actor;
using Akka.Remote.Hosting;

namespace Tuner.Shared.Tls;

/// <summary>Turns TLS settings into remoting's options: mutual authentication, pinned peers, no host name check.</summary>
public static class TlsRemoting
{
    public const string PlainProtocol = "akka.tcp";
    public const string TlsProtocol = "akka.ssl.tcp";

    public static string Protocol(TlsSettings tls) => tls.Enabled ? TlsProtocol : PlainProtocol;

    /// <summary>Turns TLS on in <paramref name="remote"/> when a certificate is configured.</summary>
    public static RemoteOptions WithTls(this RemoteOptions remote, TlsSettings tls)
    {
        if (Options(tls) is { } ssl)
        {
            remote.EnableSsl = true;
            remote.Ssl = ssl;
        }
        return remote;
    }

    /// <summary>Checks the certificate and the pins before anything starts; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static void Validate(TlsSettings tls) => _ = Options(tls);

    /// <summary>
    /// Refuses a peer's <paramref name="address"/> (<paramref name="subject"/> says where it was given) whose scheme
    /// does not match this node's TLS setting: the two could never talk.
    /// </summary>
    public static void RequireProtocol(TlsSettings tls, Address address, string subject)
    {
        if (address.Protocol == Protocol(tls))
        {
            return;
        }
        throw new ArgumentException(tls.Enabled
            ? $"{subject} uses {address.Protocol}, but TLS is on (Node:Tls:CertificatePath): write it {TlsProtocol}://{address.System}@{address.Host}:{address.Port}"
            : $"{subject} uses {address.Protocol}, which needs TLS: give this node a certificate (--tls-certificate or Node:Tls:CertificatePath; and --tls-trust with the peer's fingerprint unless it shares this certificate) or write {PlainProtocol}://");
    }

    /// <summary>Remoting's TLS options from the certificate and the pins; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static SslOptions? Options(TlsSettings tls)
    {
        if (!tls.Enabled)
        {
            return null;
        }
        var certificate = tls.Certificate();
        return new SslOptions
        {
            X509Certificate = certificate,
            // The pinning callback replaces chain validation: self-signed node certificates have no chain to check.
            SuppressValidation = false,
            RequireMutualAuthentication = true,
            ValidateCertificateHostname = false,
            CustomValidator = CertificatePinning.For(tls, certificate).Callback(),
        };
    }
}
