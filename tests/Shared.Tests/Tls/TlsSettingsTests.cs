using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Configuration;
using Tuner.Shared.Hosting;
using Tuner.Shared.Tls;

namespace Tuner.Shared.Tests.Tls;

public sealed class TlsSettingsTests : IDisposable
{
    private readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    private static string Refusal(TlsSettings tls) => Assert.Throws<ArgumentException>(() => TlsRemoting.Options(tls)).Message;

    [Fact]
    public void A_missing_certificate_file_is_refused_naming_the_setting_and_the_path()
    {
        var message = Refusal(new TlsSettings { CertificatePath = "/no/such/node.pfx" });

        Assert.Contains("Node:Tls:CertificatePath", message, StringComparison.Ordinal);
        Assert.Contains("/no/such/node.pfx", message, StringComparison.Ordinal);
        Assert.Contains("does not exist", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_password_is_refused_naming_where_the_password_comes_from()
    {
        var (path, _) = _certificates.Pfx("node");

        var message = Refusal(new TlsSettings { CertificatePath = path, Password = "wrong" });

        Assert.Contains("password", message, StringComparison.Ordinal);
        Assert.Contains("Node__Tls__Password", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_pfx_is_refused_with_the_command_that_makes_one()
    {
        var pem = _certificates.Write("node.crt", Encoding.ASCII.GetBytes(TestCertificates.Create("node").ExportCertificatePem()));

        var message = Refusal(new TlsSettings { CertificatePath = pem, Password = TestCertificates.Password });

        Assert.Contains("is not a PFX", message, StringComparison.Ordinal);
        Assert.Contains("openssl pkcs12 -export", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pfx_without_its_private_key_is_refused()
    {
        using var publicOnly = X509CertificateLoader.LoadCertificate(TestCertificates.Create("node").RawData);
        var path = _certificates.Write("public.pfx", publicOnly.Export(X509ContentType.Pfx, TestCertificates.Password));

        var message = Refusal(new TlsSettings { CertificatePath = path, Password = TestCertificates.Password });

        Assert.Contains("no private key", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trusted_thumbprint_that_is_not_a_fingerprint_is_refused()
    {
        var (path, _) = _certificates.Pfx("node");

        var message = Refusal(new TlsSettings { CertificatePath = path, Password = TestCertificates.Password, TrustedThumbprints = ["not-hex"] });

        Assert.Contains("'not-hex' is not a certificate fingerprint", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_good_certificate_turns_on_mutual_tls_with_pinning_and_ssl_addresses()
    {
        var (path, _) = _certificates.Pfx("node");
        var tls = new TlsSettings { CertificatePath = path, Password = TestCertificates.Password };

        var options = TlsRemoting.Options(tls)!;

        Assert.True(options.X509Certificate?.HasPrivateKey);
        Assert.True(options.RequireMutualAuthentication);
        Assert.NotNull(options.CustomValidator);
        Assert.Equal("akka.ssl.tcp", new NodeSettings { Tls = tls }.Protocol);
        Assert.Equal("akka.tcp", new NodeSettings().Protocol);
    }

    [Fact]
    public void The_pfx_is_read_once_however_often_the_settings_are_checked_and_used()
    {
        var (path, _) = _certificates.Pfx("node");
        var node = new NodeSettings { Tls = new TlsSettings { CertificatePath = path, Password = TestCertificates.Password } };
        node.Validate();
        File.Delete(path);

        node.Validate();
        var options = TlsRemoting.Options(node.Tls)!;

        Assert.Same(node.Tls.Certificate(), options.X509Certificate);
    }

    [Theory]
    [InlineData(true, "akka.tcp://tuner@h:4053", "akka.ssl.tcp://tuner@h:4053")]
    [InlineData(false, "akka.ssl.tcp://tuner@h:4053", "--tls-certificate")]
    public void A_seed_node_whose_scheme_does_not_match_tls_is_refused_with_the_fix(bool tlsOn, string seed, string fix)
    {
        var tls = tlsOn ? new TlsSettings { CertificatePath = _certificates.Pfx("node").Path, Password = TestCertificates.Password } : new TlsSettings();
        var node = new NodeSettings { SeedNodes = [seed], Tls = tls };

        var error = Assert.Throws<ArgumentException>(node.Validate);

        Assert.Contains(fix, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tls_settings_bind_from_the_node_section_and_the_environment_style_keys()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Node:Tls:CertificatePath"] = "/certs/node.pfx",
            ["Node:Tls:Password"] = "secret",
            ["Node:Tls:TrustedThumbprints:0"] = "AB",
            ["Node:Tls:TrustedThumbprints:1"] = "CD",
        }).Build();

        var node = SettingsSection.Bind<NodeSettings>(configuration, "Node");

        Assert.Equal("/certs/node.pfx", node.Tls.CertificatePath);
        Assert.Equal("secret", node.Tls.Password);
        Assert.Equal(["AB", "CD"], node.Tls.TrustedThumbprints);
    }

    [Fact]
    public void Pinning_trusts_pinned_certificates_by_sha256_or_sha1_while_valid_and_nothing_else()
    {
        using var own = TestCertificates.Create("own");
        using var pinned = TestCertificates.Create("pinned");
        using var bySha1 = TestCertificates.Create("by-sha1");
        using var stranger = TestCertificates.Create("stranger");
        var sha256WithColons = string.Join(':', Convert.FromHexString(CertificatePinning.Fingerprint(pinned)).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        var pinning = CertificatePinning.For(new TlsSettings { TrustedThumbprints = [sha256WithColons, bySha1.GetCertHashString(HashAlgorithmName.SHA1)] }, own);
        var now = DateTime.Now;

        Assert.True(pinning.Trusts(own, now));
        Assert.True(pinning.Trusts(pinned, now));
        Assert.True(pinning.Trusts(bySha1, now));
        Assert.False(pinning.Trusts(stranger, now));
        Assert.False(pinning.Trusts(null, now));
        Assert.False(pinning.Trusts(pinned, now.AddDays(60)));
    }
}
