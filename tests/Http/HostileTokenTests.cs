using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>Tokens built to trick a verifier: every one is 401 invalid_token, never 200, never 5xx.</summary>
[Collection(ApiCollection.Name)]
public sealed class HostileTokenTests(ApiFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("NONE")]
    [InlineData("nOnE")]
    public async Task AlgNone_IsRefused_InEveryCasing(string alg)
    {
        var (payload, kid) = await RealPayloadAsync();
        var unsigned = RawJwt.Encode(new { alg, typ = "at+jwt", kid }) + "." + payload + ".";
        var withJunkSignature = unsigned + "c2lnbmF0dXJl";

        await AssertInvalidAsync(unsigned);
        await AssertInvalidAsync(withJunkSignature);
    }

    [Fact]
    public async Task Hmac_SignedWithThePublicKey_IsRefused()
    {
        var (payload, kid) = await RealPayloadAsync();
        var jwks = await (await Client.GetAsync("/.well-known/jwks.json")).Content.ReadAsStringAsync();
        var jwk = JsonDocument.Parse(jwks).RootElement.GetProperty("keys").EnumerateArray().First(k => k.Str("kid") == kid);
        using var ec = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(jwk.Str("x")), Y = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(jwk.Str("y")) },
        });
        var publicKeyForms = new[]
        {
            ec.ExportSubjectPublicKeyInfo(),
            Encoding.UTF8.GetBytes(ec.ExportSubjectPublicKeyInfoPem()),
            Encoding.UTF8.GetBytes(jwk.GetRawText()),
        };

        foreach (var secret in publicKeyForms)
        {
            await AssertInvalidAsync(RawJwt.Build(new { alg = "HS256", typ = "at+jwt", kid }, payload, RawJwt.Hs256(secret)));
        }
    }

    [Fact]
    public async Task EmbeddedOrLinkedKeys_AreIgnored_AndNeverFetched()
    {
        var (payload, kid) = await RealPayloadAsync();
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = attacker.ExportParameters(false);
        var attackerJwk = new { kty = "EC", crv = "P-256", x = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(p.Q.X), y = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(p.Q.Y), kid = "attacker" };
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var trap = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/jwks.json";
        var certificate = new CertificateRequest("CN=attacker", attacker, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        var headers = new object[]
        {
            new { alg = "ES256", typ = "at+jwt", kid, jwk = attackerJwk },
            new { alg = "ES256", typ = "at+jwt", kid = "attacker", jwk = attackerJwk },
            new { alg = "ES256", typ = "at+jwt", kid = "attacker", jku = trap },
            new { alg = "ES256", typ = "at+jwt", kid, jku = trap },
            new { alg = "ES256", typ = "at+jwt", kid = "attacker", x5u = trap },
            new { alg = "ES256", typ = "at+jwt", kid, x5c = new[] { Convert.ToBase64String(certificate.RawData) } },
        };
        foreach (var header in headers)
        {
            await AssertInvalidAsync(RawJwt.Build(header, payload, RawJwt.Es256(attacker)));
        }

        Assert.False(listener.Pending(), "the service fetched a URL named in a token");
    }

    [Fact]
    public async Task UnknownCrit_IsRefused_EvenWithAValidSignature()
    {
        var token = TokenForge.Sign(fixture.Factory, (d, _) =>
            d.AdditionalHeaderClaims = new Dictionary<string, object> { ["crit"] = new[] { "urn:example:must-understand" }, ["urn:example:must-understand"] = true });

        await AssertInvalidAsync(token);
    }

    [Fact]
    public async Task PsychicSignature_ZeroRAndS_IsRefused()
    {
        var (payload, kid) = await RealPayloadAsync();

        await AssertInvalidAsync(RawJwt.Build(new { alg = "ES256", typ = "at+jwt", kid }, payload, _ => new byte[64]));
    }

    [Fact]
    public async Task StrippedFlippedOrPaddedSignatures_AreRefused()
    {
        var (name, _) = await Client.NewUserAsync();
        var token = (await Client.LoginOkAsync(name)).Str("access_token");
        var parts = token.Split('.');
        var signature = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[2]);
        signature[5] ^= 0x01;

        await AssertInvalidAsync($"{parts[0]}.{parts[1]}.");
        await AssertInvalidAsync($"{parts[0]}.{parts[1]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(signature)}");
        await AssertInvalidAsync($"{parts[0]}.{parts[1]}");
        await AssertInvalidAsync($"{parts[0]}.{parts[1]}.{parts[2]}.{parts[2]}");
    }

    [Theory]
    [InlineData("../../../../etc/passwd")]
    [InlineData("' OR '1'='1")]
    [InlineData("")]
    public async Task KidInjection_IsRefused(string kid)
    {
        var (payload, _) = await RealPayloadAsync();
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        await AssertInvalidAsync(RawJwt.Build(new { alg = "ES256", typ = "at+jwt", kid }, payload, RawJwt.Es256(attacker)));
    }

    private async Task<(string Payload, string Kid)> RealPayloadAsync()
    {
        var (name, _) = await Client.NewUserAsync();
        var token = (await Client.LoginOkAsync(name)).Str("access_token");
        return (RawJwt.PayloadOf(token), RawJwt.KidOf(token));
    }

    private async Task AssertInvalidAsync(string token)
    {
        var response = await Client.ValidateAsync(token);
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
    }
}
