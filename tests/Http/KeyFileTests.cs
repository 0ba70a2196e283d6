using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>Operator-managed PEM keys: the first file signs, the others still verify.</summary>
public sealed class KeyFileTests : IDisposable
{
    private readonly TempDirectory _storage = new();
    private readonly TempDirectory _keys = new();

    public void Dispose()
    {
        _storage.Dispose();
        _keys.Dispose();
    }

    [Fact]
    public async Task PemKeys_FirstSigns_OthersVerify_AndRotationIsRefused()
    {
        using var current = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var previous = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var factory = new ApiFactory(_storage.Path, new Dictionary<string, string?>
        {
            ["Auth:SigningKeyFiles:0"] = Write("current.pem", current.ExportPkcs8PrivateKeyPem()),
            ["Auth:SigningKeyFiles:1"] = Write("previous.pem", previous.ExportECPrivateKeyPem()),
        });
        var client = factory.CreateClient();
        var (name, _) = await client.NewUserAsync();
        var token = (await client.LoginOkAsync(name)).Str("access_token");
        var previousKey = new ECDsaSecurityKey(previous);
        previousKey.KeyId = Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromSecurityKey(new ECDsaSecurityKey(previous)).ComputeJwkThumbprint());
        var signedWithPrevious = TokenForge.Sign(factory, (d, c) =>
        {
            d.SigningCredentials = new SigningCredentials(previousKey, "ES256");
            c["sub"] = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Subject;
        });

        Assert.Equal(Thumbprint(current), RawJwt.KidOf(token));
        Assert.Equal(HttpStatusCode.OK, (await client.ValidateAsync(token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.ValidateAsync(signedWithPrevious)).StatusCode);
        var kids = (await (await client.GetAsync("/.well-known/jwks.json")).JsonAsync()).GetProperty("keys").EnumerateArray().Select(k => k.Str("kid"));
        Assert.Equal([Thumbprint(current), previousKey.KeyId], kids);
        await (await client.PostAsync("/admin/keys/rotate", bearer: await client.AdminTokenAsync()))
            .AssertProblemAsync(HttpStatusCode.Conflict, "rotation_unavailable");
    }

    [Fact]
    public async Task RsaPemKey_SignsPs256()
    {
        using var rsa = RSA.Create(2048);
        await using var factory = new ApiFactory(_storage.Path, new Dictionary<string, string?>
        {
            ["Auth:SigningAlgorithm"] = "PS256",
            ["Auth:SigningKeyFiles:0"] = Write("rsa.pem", rsa.ExportRSAPrivateKeyPem()),
        });
        var client = factory.CreateClient();
        var (name, _) = await client.NewUserAsync();

        var token = (await client.LoginOkAsync(name)).Str("access_token");

        Assert.Equal(HttpStatusCode.OK, (await client.ValidateAsync(token)).StatusCode);
    }

    public static TheoryData<string, string> UnusableKeys => new()
    {
        { "ES256", "missing" },
        { "ES256", "p384" },
        { "ES256", "public" },
        { "RS256", "rsa1024" },
        { "RS256", "garbage" },
        { "HS256", "p256" },
    };

    [Theory]
    [MemberData(nameof(UnusableKeys))]
    public void StartUp_Fails_NamingTheKeyFile_WhenKeyIsUnusable(string algorithm, string kind)
    {
        var path = kind switch
        {
            "missing" => Path.Combine(_keys.Path, "nope.pem"),
            "p384" => Write("p384.pem", ECDsa.Create(ECCurve.NamedCurves.nistP384).ExportPkcs8PrivateKeyPem()),
            "public" => Write("public.pem", ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportSubjectPublicKeyInfoPem()),
            "rsa1024" => Write("small.pem", RSA.Create(1024).ExportRSAPrivateKeyPem()),
            "p256" => Write("p256.pem", ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem()),
            _ => Write("garbage.pem", "not a key"),
        };
        var settings = new Dictionary<string, string?> { ["Auth:SigningAlgorithm"] = algorithm, ["Auth:SigningKeyFiles:0"] = path };
        if (algorithm == "HS256")
        {
            settings["Auth:Secret"] = new string('s', 40);
        }

        using var factory = new ApiFactory(_storage.Path, settings);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Auth:SigningKeyFiles", error.ToString());
    }

    private string Write(string name, string pem)
    {
        var path = Path.Combine(_keys.Path, name);
        File.WriteAllText(path, pem);
        return path;
    }

    private static string Thumbprint(ECDsa key) =>
        Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromSecurityKey(new ECDsaSecurityKey(key)).ComputeJwkThumbprint());
}
