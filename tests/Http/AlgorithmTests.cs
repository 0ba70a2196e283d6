using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>Each supported algorithm signs and verifies; a token from a key the node does not hold never does.</summary>
public sealed class AlgorithmTests : IDisposable
{
    private readonly TempDirectory _storage = new();

    public void Dispose() => _storage.Dispose();

    [Theory]
    [InlineData("ES256", "EC")]
    [InlineData("ES384", "EC")]
    [InlineData("ES512", "EC")]
    [InlineData("RS256", "RSA")]
    [InlineData("RS384", "RSA")]
    [InlineData("RS512", "RSA")]
    [InlineData("PS256", "RSA")]
    [InlineData("PS384", "RSA")]
    [InlineData("PS512", "RSA")]
    [InlineData("HS256", null)]
    [InlineData("HS384", null)]
    [InlineData("HS512", null)]
    public async Task Algorithm_SignsAndVerifies_AndUnknownKidIsRefused(string algorithm, string? keyType)
    {
        var settings = new Dictionary<string, string?> { ["Auth:SigningAlgorithm"] = algorithm };
        if (keyType is null)
        {
            settings["Auth:Secret"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(64));
        }

        await using var factory = new ApiFactory(_storage.Path, settings);
        var client = factory.CreateClient();
        var (name, _) = await client.NewUserAsync();
        var token = (await client.LoginOkAsync(name)).Str("access_token");

        Assert.Equal(HttpStatusCode.OK, (await client.ValidateAsync(token)).StatusCode);
        Assert.Equal(algorithm, new JsonWebToken(token).Alg);
        var keys = (await (await client.GetAsync("/.well-known/jwks.json")).JsonAsync()).GetProperty("keys").EnumerateArray().ToList();
        if (keyType is null)
        {
            Assert.Empty(keys);
        }
        else
        {
            var jwk = Assert.Single(keys);
            Assert.Equal(keyType, jwk.Str("kty"));
            Assert.Equal(algorithm, jwk.Str("alg"));
            Assert.Equal(RawJwt.KidOf(token), jwk.Str("kid"));
        }

        var stranger = StrangerKey(algorithm);
        foreach (var kid in new[] { "unknown-kid", RawJwt.KidOf(token) })
        {
            stranger.KeyId = kid;
            var forged = TokenForge.Sign(factory, (d, c) =>
            {
                d.SigningCredentials = new SigningCredentials(stranger, algorithm);
                c["sub"] = new JsonWebToken(token).Subject;
            });
            await (await client.ValidateAsync(forged)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        }
    }

    private static SecurityKey StrangerKey(string algorithm) => algorithm[..2] switch
    {
        "HS" => new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64)),
        "ES" => new ECDsaSecurityKey(ECDsa.Create(algorithm switch
        {
            "ES384" => ECCurve.NamedCurves.nistP384,
            "ES512" => ECCurve.NamedCurves.nistP521,
            _ => ECCurve.NamedCurves.nistP256,
        })),
        _ => new RsaSecurityKey(RSA.Create(2048)),
    };
}
