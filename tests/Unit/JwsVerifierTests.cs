using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SessionService.Api.Tokens;
using SessionService.Grains;

namespace SessionService.Tests.Unit;

public sealed class JwsVerifierTests
{
    private static readonly SymmetricSecurityKey Key = new(Encoding.UTF8.GetBytes(new string('k', 64))) { KeyId = "k1" };
    private static readonly SymmetricSecurityKey OtherKey = new(Encoding.UTF8.GetBytes(new string('o', 64))) { KeyId = "k1" };

    private static TokenKind<string> Kind(string type = "at+jwt", string name = "access token") => new()
    {
        Name = name,
        Type = type,
        Issuer = "issuer",
        Audience = "audience",
        Algorithms = ["HS256"],
        FindKey = kid => kid == Key.KeyId ? Key : null,
        RequiredClaims = new Dictionary<string, ClaimShape> { ["sub"] = ClaimShape.NonEmptyString, ["exp"] = ClaimShape.IntegerTime },
        OptionalClaims = new Dictionary<string, ClaimShape> { ["roles"] = ClaimShape.StringArray },
        ReadIdentity = claims => claims.GetProperty("sub").GetString()!,
    };

    private static string Sign(Action<SecurityTokenDescriptor, Dictionary<string, object>>? change = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = "user-1", ["exp"] = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds() };
        var descriptor = new SecurityTokenDescriptor
        {
            TokenType = "at+jwt",
            Issuer = "issuer",
            Audience = "audience",
            SigningCredentials = new SigningCredentials(Key, "HS256"),
            Claims = claims,
        };
        change?.Invoke(descriptor, claims);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private static async Task<TokenRejection> RejectionAsync(TokenKind<string> kind, string token)
    {
        var result = await new JwsVerifier<string>(kind).VerifyAsync(token);
        Assert.Null(result.Identity);
        return result.Rejection!;
    }

    [Fact]
    public async Task VerifyAsync_ReturnsTheKindsIdentity_WhenTokenFitsTheKind()
    {
        var result = await new JwsVerifier<string>(Kind()).VerifyAsync(Sign());

        Assert.Null(result.Rejection);
        Assert.Equal("user-1", result.Identity);
    }

    [Fact]
    public async Task VerifyAsync_IsRefusedByTheAccessKind_WhenARightlySignedTokenHasAnotherTyp()
    {
        var routeToken = Sign((d, _) => d.TokenType = "route+jwt");

        var refused = await RejectionAsync(Kind(), routeToken);
        var accepted = await new JwsVerifier<string>(Kind(type: "route+jwt", name: "route token")).VerifyAsync(routeToken);

        Assert.Equal(new TokenRejection("invalid_token", "The access token is not valid."), refused);
        Assert.Equal("user-1", accepted.Identity);
    }

    [Fact]
    public async Task VerifyAsync_NamesTheKindInDetails_WhenTokenIsMalformed()
    {
        var refused = await RejectionAsync(Kind(type: "route+jwt", name: "route token"), "a.b");

        Assert.Equal(new TokenRejection("invalid_token", "The route token is malformed."), refused);
    }

    [Theory]
    [InlineData("a.b.c.d")]
    [InlineData("abc")]
    public async Task VerifyAsync_IsMalformed_WhenTokenHasOtherThanThreeSegments(string token)
    {
        Assert.Equal("The access token is malformed.", (await RejectionAsync(Kind(), token)).Detail);
    }

    [Fact]
    public async Task VerifyAsync_IsMalformed_WhenTokenIsLongerThanTheKindAllows()
    {
        var token = Sign();

        var refused = await RejectionAsync(Kind() with { MaxLength = token.Length - 1 }, token);

        Assert.Equal("The access token is malformed.", refused.Detail);
    }

    [Fact]
    public async Task VerifyAsync_IsBadIss_WhenIssuerDiffers()
    {
        var refused = await RejectionAsync(Kind(), Sign((d, _) => d.Issuer = "someone-else"));

        Assert.Equal(new TokenRejection("bad_iss", "The token was not issued by this service."), refused);
    }

    [Fact]
    public async Task VerifyAsync_IsBadAud_WhenAudienceDiffers()
    {
        var refused = await RejectionAsync(Kind(), Sign((d, _) => d.Audience = "another-api"));

        Assert.Equal(new TokenRejection("bad_aud", "The token is not meant for this audience."), refused);
    }

    [Fact]
    public async Task VerifyAsync_UsesTheKindsErrorCodes_WhenKindDeclaresItsOwn()
    {
        var kind = Kind() with { InvalidCode = "invalid_route", BadAudienceCode = "bad_route_aud" };

        Assert.Equal("bad_route_aud", (await RejectionAsync(kind, Sign((d, _) => d.Audience = "x"))).Code);
        Assert.Equal("invalid_route", (await RejectionAsync(kind, Sign((d, _) => d.TokenType = "JWT"))).Code);
    }

    [Fact]
    public async Task VerifyAsync_IsInvalid_WhenAlgorithmIsNotAllowed()
    {
        var token = Sign((d, _) => d.SigningCredentials = new SigningCredentials(Key, "HS384"));

        Assert.Equal("The access token is not valid.", (await RejectionAsync(Kind(), token)).Detail);
    }

    [Fact]
    public async Task VerifyAsync_IsInvalid_WhenKidIsUnknown()
    {
        var stranger = new SymmetricSecurityKey(Key.Key) { KeyId = "k2" };

        var refused = await RejectionAsync(Kind(), Sign((d, _) => d.SigningCredentials = new SigningCredentials(stranger, "HS256")));

        Assert.Equal("invalid_token", refused.Code);
    }

    [Fact]
    public async Task VerifyAsync_IsInvalid_WhenSignedWithAnotherKeyUnderAKnownKid()
    {
        var refused = await RejectionAsync(Kind(), Sign((d, _) => d.SigningCredentials = new SigningCredentials(OtherKey, "HS256")));

        Assert.Equal("invalid_token", refused.Code);
    }

    [Fact]
    public async Task VerifyAsync_RefusesCrit_WhenHeaderHasCriticalParameters()
    {
        var token = Sign((d, _) => d.AdditionalHeaderClaims = new Dictionary<string, object> { ["crit"] = new[] { "exp" } });

        var refused = await RejectionAsync(Kind(), token);

        Assert.Equal(new TokenRejection("invalid_token", "The token has critical header parameters this service does not understand."), refused);
    }

    [Fact]
    public async Task VerifyAsync_IsInvalid_WhenRequiredClaimIsMissing()
    {
        var refused = await RejectionAsync(Kind(), Sign((_, c) => c.Remove("sub")));

        Assert.Equal("The token lacks a required claim or has one of the wrong type.", refused.Detail);
    }

    [Fact]
    public async Task VerifyAsync_IsInvalid_WhenTimeClaimIsAString()
    {
        var refused = await RejectionAsync(Kind(), Sign((_, c) => c["exp"] = "4102444800"));

        Assert.Equal("The token lacks a required claim or has one of the wrong type.", refused.Detail);
    }

    [Fact]
    public async Task VerifyAsync_NamesTheClaim_WhenOptionalClaimHasTheWrongShape()
    {
        var refused = await RejectionAsync(Kind(), Sign((_, c) => c["roles"] = "admin"));

        Assert.Equal(new TokenRejection("invalid_token", "The roles claim must be an array of strings."), refused);
    }

    [Fact]
    public async Task VerifyAsync_AnswersFromTheCache_FromTheSecondVerificationOn()
    {
        var reads = 0;
        var verifier = new JwsVerifier<string>(Kind() with { ReadIdentity = claims => { reads++; return "user-" + reads; } });
        var token = Sign();

        var first = await verifier.VerifyAsync(token);
        var second = await verifier.VerifyAsync(token);
        var third = await verifier.VerifyAsync(token);

        Assert.Equal(("user-1", "user-2", "user-2"), (first.Identity, second.Identity, third.Identity));
        Assert.Equal(2, reads);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("hs256")]
    public void Constructor_Throws_WhenKindAllowsAnUnknownAlgorithm(string algorithm)
    {
        Assert.Throws<ArgumentException>(() => new JwsVerifier<string>(Kind() with { Algorithms = ["HS256", algorithm] }));
    }

    [Fact]
    public void Constructor_Throws_WhenKindAllowsNoAlgorithm()
    {
        Assert.Throws<ArgumentException>(() => new JwsVerifier<string>(Kind() with { Algorithms = [] }));
    }

    [Fact]
    public async Task AccessKind_PinsTheConfiguredAlgorithm_AndRefusesACustomTokenOfTheSameKey()
    {
        var options = new AuthOptions { Secret = new string('s', 32) };
        var keys = new SigningKeys(null!, Options.Create(options), null!);
        await keys.ReloadAsync();
        var kind = AccessTokenKind.Create(keys, options);
        var verifier = new JwsVerifier<AccessTokenIdentity>(kind);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string Signed(string type) => new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = type,
            Issuer = options.Issuer,
            Audience = options.Audience,
            SigningCredentials = keys.Signing,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "u1", ["sid"] = "s1", ["jti"] = "j1", ["exp"] = now + 60, ["iat"] = now, ["nbf"] = now, ["roles"] = new[] { "admin" },
            },
        });

        var access = await verifier.VerifyAsync(Signed("at+jwt"));
        var custom = await verifier.VerifyAsync(Signed("JWT"));

        Assert.Equal(["HS256"], kind.Algorithms);
        Assert.Equal(("u1", "s1", true), (access.Identity!.UserId, access.Identity.SessionId, access.Identity.IsAdmin));
        Assert.Equal("invalid_token", custom.Rejection!.Code);
    }
}
