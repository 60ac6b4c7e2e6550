using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tuner.Shared.Tls;

/// <summary>Loads the node's certificate, turning every way it can be wrong into a message that says how to fix it.</summary>
public static class NodeCertificate
{
    private const string PathKey = "Node:Tls:CertificatePath (--tls-certificate)";
    private const string PasswordKey = "Node:Tls:Password (environment Node__Tls__Password)";

    public static X509Certificate2 Load(TlsSettings tls)
    {
        var path = tls.CertificatePath ?? throw new ArgumentException($"{PathKey} is not set");
        if (!File.Exists(path))
        {
            throw new ArgumentException($"{PathKey} '{path}' does not exist: give the path of this node's PFX (PKCS#12) file");
        }
        X509Certificate2 certificate;
        try
        {
            if (X509Certificate2.GetCertContentType(path) != X509ContentType.Pkcs12)
            {
                throw new ArgumentException(
                    $"{PathKey} '{path}' is not a PFX (PKCS#12) file; make one from a PEM certificate and key with `openssl pkcs12 -export -in node.crt -inkey node.key -out node.pfx`");
            }
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, tls.Password);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"{PathKey} '{path}' could not be opened with the password in {PasswordKey}: {e.Message}", e);
        }
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new ArgumentException($"{PathKey} '{path}' holds no private key: export the certificate together with its key (`openssl pkcs12 -export -inkey node.key ...`)");
        }
        return certificate;
    }
}
