using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tuner.Shared.Tests.Tls;

/// <summary>Self-signed node certificates made in the test, written as PFX files to a folder deleted afterwards.</summary>
public sealed class TestCertificates : IDisposable
{
    public const string Password = "test-password";

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("tuner-tls-").FullName;

    public static X509Certificate2 Create(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    /// <summary>A new certificate with its key, as a PFX file; returns the path and the certificate.</summary>
    public (string Path, X509Certificate2 Certificate) Pfx(string name)
    {
        var certificate = Create(name);
        var path = Path.Combine(Directory, $"{name}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return (path, certificate);
    }

    public string Write(string name, byte[] content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
