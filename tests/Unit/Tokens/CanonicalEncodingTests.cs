using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using SessionService.Api.Tokens;

namespace SessionService.Tests.Unit.Tokens;

/// <summary>
/// Only the canonical compact serialization is accepted: every entry of <see cref="MalformedEncodings"/>
/// is refused for each algorithm family, whether or not the valid token it was made from is already cached.
/// </summary>
public sealed class CanonicalEncodingTests
{
    private static readonly Dictionary<string, SecurityKey> Keys = new()
    {
        ["HS256"] = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64)) { KeyId = "hs" },
        ["RS256"] = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rs" },
        ["PS256"] = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "ps" },
        ["ES256"] = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "es" },
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var algorithm in Keys.Keys)
        {
            foreach (var item in MalformedEncodings.All)
            {
                data.Add(algorithm, item.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task VerifyAsync_IsInvalidToken_WhenEncodingIsNotCanonical(string algorithm, string name)
    {
        var verifier = new JwsVerifier<string>(Kind(algorithm));
        var malformed = MalformedEncodings.Make(MalformedEncodings.Named(name), Valid(algorithm), Signer(algorithm));

        var result = await verifier.VerifyAsync(malformed);

        Assert.Null(result.Identity);
        Assert.Equal("invalid_token", result.Rejection?.Code);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task VerifyAsync_IsInvalidToken_WhenEncodingIsNotCanonicalAndTheValidTokenIsCached(string algorithm, string name)
    {
        var reads = 0;
        var verifier = new JwsVerifier<string>(Kind(algorithm) with { ReadIdentity = claims => { reads++; return claims.GetProperty("sub").GetString()!; } });
        var valid = Valid(algorithm);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("user-1", (await verifier.VerifyAsync(valid)).Identity);
        }

        Assert.Equal(2, reads);
        var malformed = MalformedEncodings.Make(MalformedEncodings.Named(name), valid, Signer(algorithm));

        var result = await verifier.VerifyAsync(malformed);
        var again = await verifier.VerifyAsync(malformed);

        Assert.Equal(("invalid_token", "invalid_token"), (result.Rejection?.Code, again.Rejection?.Code));
        Assert.Equal("user-1", (await verifier.VerifyAsync(valid)).Identity);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task VerifyAsync_AcceptsTheCanonicalToken_ForEachFamily(string algorithm)
    {
        var result = await new JwsVerifier<string>(Kind(algorithm)).VerifyAsync(Valid(algorithm));

        Assert.Equal("user-1", result.Identity);
    }

    public static TheoryData<string> Families() => [.. Keys.Keys];

    private static TokenKind<string> Kind(string algorithm) => new()
    {
        Name = "access token",
        Type = "at+jwt",
        Issuer = "issuer",
        Audience = "audience",
        Algorithms = [algorithm],
        FindKey = kid => kid == Keys[algorithm].KeyId ? Keys[algorithm] : null,
        RequiredClaims = new Dictionary<string, ClaimShape>
        {
            ["sub"] = ClaimShape.NonEmptyString,
            ["sid"] = ClaimShape.NonEmptyString,
            ["exp"] = ClaimShape.IntegerTime,
        },
        ReadIdentity = claims => claims.GetProperty("sub").GetString()!,
    };

    private static string Valid(string algorithm)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["alg"] = algorithm, ["kid"] = Keys[algorithm].KeyId, ["typ"] = "at+jwt" });
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = "issuer",
            ["aud"] = "audience",
            ["sub"] = "user-1",
            ["sid"] = "session-1",
            ["exp"] = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds(),
        });
        return Signer(algorithm)(header, payload);
    }

    private static MalformedEncodings.RawSigner Signer(string algorithm) => (header, payload) =>
    {
        var key = Keys[algorithm];
        var provider = key.CryptoProviderFactory.CreateForSigning(key, algorithm);
        return MalformedEncodings.Sign(header, payload, provider.Sign);
    };
}
