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

    /// <summary>Loads and checks the certificate and the pins; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static SslOptions? Options(TlsSettings tls)
    {
        if (!tls.Enabled)
        {
            return null;
        }
        var certificate = NodeCertificate.Load(tls);
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
