using SessionService.Api.Gateway;
using SessionService.Api.Gateway.Verification;

namespace SessionService.Tests.Unit.Gateway;

/// <summary>The contract's check order, one row at a time, with Kong's wording.</summary>
public sealed class ConsumerTokenVerifierTests
{
    private readonly VerifierRig _rig = new();
    private readonly ConsumerKey _key = ConsumerKey.Create("HS256");

    public ConsumerTokenVerifierTests() => _rig.Credentials.Add(_key);

    private long Now => _rig.Now;

    [Fact]
    public void NothingFound_IsNoToken_AndDifferingTokens_AreMultipleTokens()
    {
        var none = _rig.Verifier.Verify(TokenSearch.None);
        var multiple = _rig.Verifier.Verify(TokenSearch.Multiple);

        Assert.Equal((GatewayCodes.NoToken, "Unauthorized"), (none.Code, none.Message));
        Assert.Equal((GatewayCodes.MultipleTokens, "Multiple tokens provided"), (multiple.Code, multiple.Message));
        Assert.True(_rig.Verifier.Verify(TokenSearch.Found(Good())).Succeeded);
    }

    public static TheoryData<string> NotCompactJwsWithJsonObjects()
    {
        var header = Tokens.Segment("""{"alg":"HS256"}""");
        var claims = Tokens.Segment("""{"iss":"partner-key"}""");
        return new TheoryData<string>
        {
            "",
            "garbage",
            $"{header}.{claims}",
            $"{header}.{claims}.c2ln.c2ln",
            $"{header}.{claims}.",
            $"{header}..c2ln",
            $"{header}=.{claims}.c2ln",
            $"{header}.{claims}.c2l+",
            $"{header} .{claims}.c2ln",
            $"{Tokens.Segment("[1]")}.{claims}.c2ln",
            $"{header}.{Tokens.Segment("\"iss\"")}.c2ln",
            $"{header}.{Tokens.Segment("{\"iss\":\"partner-key\"")}.c2ln",
            $"{header}.{Tokens.Segment("{\"iss\":\"a\",\"iss\":\"partner-key\"}")}.c2ln",
            $"{header}.{Tokens.Segment("{\"iss\":\"partner-key\"} {}")}.c2ln",
            $"{header}.{Tokens.Segment("{\"iss\":\"partner-key\",}")}.c2ln",
            $"{header}.{Tokens.Segment("\uFEFF{\"iss\":\"partner-key\"}")}.c2ln",
            $"{header}.{claims}.{new string('A', ConsumerTokenVerifier.MaxTokenLength)}",
            "é.é.é",
        };
    }

    [Theory]
    [MemberData(nameof(NotCompactJwsWithJsonObjects))]
    public void NotACanonicalCompactJwsWithJsonObjects_IsInvalidToken(string token)
    {
        var verdict = _rig.Verify(token);

        Assert.Equal(GatewayCodes.InvalidToken, verdict.Code);
        Assert.Equal("Bad token; invalid JSON", verdict.Message);
    }

    [Fact]
    public void NoKeyClaim_InClaimsOrHeader_IsMissingClaim()
    {
        var verdict = _rig.Verify(_key.Token(new { exp = Now + 60, nbf = Now }));

        Assert.Equal((GatewayCodes.MissingClaim, "No mandatory 'iss' in claims"), (verdict.Code, verdict.Message));
    }

    [Fact]
    public void KeyClaim_InTheHeader_IsUsedWhenTheClaimsHaveNone()
    {
        var verdict = _rig.Verify(_key.Token(new { exp = Now + 60, nbf = Now }, new { alg = "HS256", iss = "partner-key" }));

        Assert.True(verdict.Succeeded, verdict.ToString());
    }

    [Fact]
    public void KeyClaim_InTheClaims_WinsOverTheHeader()
    {
        var verdict = _rig.Verify(_key.Token(new { iss = "someone-else", exp = Now + 60, nbf = Now }, new { alg = "HS256", iss = "partner-key" }));

        Assert.Equal(GatewayCodes.NoCredentials, verdict.Code);
    }

    [Fact]
    public void KeyClaimName_IsConfigurable()
    {
        var rig = new VerifierRig(o => o.KeyClaimName = "kid");
        rig.Credentials.Add(_key);

        Assert.True(rig.Verify(_key.Token(new { exp = Now + 60, nbf = Now }, new { alg = "HS256", kid = "partner-key" })).Succeeded);
        var missing = rig.Verify(_key.Token(new { iss = "partner-key", exp = Now + 60, nbf = Now }));
        Assert.Equal((GatewayCodes.MissingClaim, "No mandatory 'kid' in claims"), (missing.Code, missing.Message));
    }

    [Theory]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("\"\"")]
    [InlineData("[\"partner-key\"]")]
    [InlineData("{\"k\":\"partner-key\"}")]
    public void KeyClaim_ThatIsNotANonEmptyString_IsMissingClaim(string json)
    {
        var token = SignRaw("""{"alg":"HS256"}""", $$"""{"iss":{{json}},"exp":{{Now + 60}},"nbf":{{Now}}}""");

        var verdict = _rig.Verify(token);

        Assert.Equal((GatewayCodes.MissingClaim, "Invalid 'iss' in claims"), (verdict.Code, verdict.Message));
    }

    [Fact]
    public void UnknownKey_IsNoCredentials_BeforeAlgorithmAndSignature()
    {
        var verdict = _rig.Verify(Tokens.FlipSignatureByte(_key.Token(new { iss = "nobody", exp = Now + 60, nbf = Now }, new { alg = "none" })));

        Assert.Equal((GatewayCodes.NoCredentials, "No credentials found for given 'iss'"), (verdict.Code, verdict.Message));
    }

    [Fact]
    public void WrongAlgorithm_IsReported_BeforeABadSignature()
    {
        var token = Tokens.FlipSignatureByte(_key.Token(new { iss = "partner-key", exp = Now + 60, nbf = Now }, new { alg = "HS512" }));

        Assert.Equal(GatewayCodes.InvalidAlgorithm, _rig.Verify(token).Code);
    }

    [Fact]
    public void BadSignature_IsReported_BeforeBadClaims()
    {
        var token = Tokens.FlipSignatureByte(_key.Token(new { iss = "partner-key", exp = "soon" }));

        Assert.Equal(GatewayCodes.InvalidSignature, _rig.Verify(token).Code);
    }

    [Theory]
    [InlineData("none", null)]
    [InlineData("HS256", null)]
    [InlineData("HS256", 16)]
    public void CredentialThatCannotVerify_RefusesEveryToken_AsInvalidSignature(string algorithm, int? secretBytes)
    {
        var rig = new VerifierRig();
        var secret = secretBytes is { } n ? new byte[n] : null;
        rig.Credentials.Put(new GatewayCredential("c", "broken", algorithm, new GatewayConsumer("p", null, null), secret, null));
        var signer = ConsumerKey.Hmac("HS256", secret ?? []);

        var verdict = rig.Verify(signer.Token(new { iss = "broken", exp = Now + 60, nbf = Now }, new { alg = algorithm }));

        Assert.Equal(GatewayCodes.InvalidSignature, verdict.Code);
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("nbf")]
    public void VerifiedTimeClaim_Missing_IsMissingClaim(string claim)
    {
        var other = claim == "exp" ? "nbf" : "exp";
        var verdict = _rig.Verify(SignRaw("""{"alg":"HS256"}""", $$"""{"iss":"partner-key","{{other}}":{{Now}}}"""));

        Assert.Equal((GatewayCodes.MissingClaim, $"No mandatory '{claim}' in claims"), (verdict.Code, verdict.Message));
    }

    [Theory]
    [InlineData("exp", "\"4102444800\"")]
    [InlineData("exp", "null")]
    [InlineData("exp", "true")]
    [InlineData("exp", "[4102444800]")]
    [InlineData("exp", "1e400")]
    [InlineData("nbf", "\"0\"")]
    [InlineData("nbf", "{}")]
    public void VerifiedTimeClaim_NotANumber_IsInvalidClaim(string claim, string json)
    {
        var exp = claim == "exp" ? json : (Now + 60).ToString();
        var nbf = claim == "nbf" ? json : Now.ToString();
        var verdict = _rig.Verify(SignRaw("""{"alg":"HS256"}""", $$"""{"iss":"partner-key","exp":{{exp}},"nbf":{{nbf}}}"""));

        Assert.Equal((GatewayCodes.InvalidClaim, $"The {claim} claim must be a number"), (verdict.Code, verdict.Message));
    }

    [Fact]
    public void FractionalTimes_AreNumbers()
    {
        Assert.True(_rig.Verify(SignRaw("""{"alg":"HS256"}""", $$"""{"iss":"partner-key","exp":{{Now}}.5,"nbf":{{Now - 1}}.5e0}""")).Succeeded);
        Assert.Equal(GatewayCodes.ExpiredToken, _rig.Verify(SignRaw("""{"alg":"HS256"}""", $$"""{"iss":"partner-key","exp":{{Now}}.0,"nbf":0}""")).Code);
    }

    [Fact]
    public void ClaimsToVerify_Empty_SkipsTimeClaims()
    {
        var rig = new VerifierRig(o => o.ClaimsToVerify = "");
        rig.Credentials.Add(_key);

        Assert.True(rig.Verify(_key.Token(new { iss = "partner-key" })).Succeeded);
        Assert.True(rig.Verify(_key.Token(new { iss = "partner-key", exp = "never", nbf = Now + 3600 })).Succeeded);
    }

    [Fact]
    public void ClaimsToVerify_NbfOnly_IgnoresExp()
    {
        var rig = new VerifierRig(o => o.ClaimsToVerify = "nbf");
        rig.Credentials.Add(_key);

        Assert.True(rig.Verify(_key.Token(new { iss = "partner-key", nbf = Now, exp = Now - 3600 })).Succeeded);
        Assert.Equal(GatewayCodes.TokenNotYetValid, rig.Verify(_key.Token(new { iss = "partner-key", nbf = Now + 1 })).Code);
    }

    [Theory]
    [InlineData(0, 1, true)]
    [InlineData(0, 0, false)]
    [InlineData(0, -1, false)]
    [InlineData(10, -9, true)]
    [InlineData(10, -10, false)]
    [InlineData(10, -11, false)]
    public void Exp_IsExpiredOnceNowReachesIt_WidenedByTheClockSkew(int skew, int expFromNow, bool valid)
    {
        var rig = new VerifierRig(o => o.ClockSkew = skew);
        rig.Credentials.Add(_key);

        var verdict = rig.Verify(_key.Token(new { iss = "partner-key", exp = rig.Now + expFromNow, nbf = rig.Now }));

        Assert.Equal(valid, verdict.Succeeded);
        if (!valid)
        {
            Assert.Equal((GatewayCodes.ExpiredToken, "token expired"), (verdict.Code, verdict.Message));
        }
    }

    [Theory]
    [InlineData(0, -1, true)]
    [InlineData(0, 0, true)]
    [InlineData(0, 1, false)]
    [InlineData(10, 10, true)]
    [InlineData(10, 11, false)]
    public void Nbf_IsNotYetValidWhileItLiesAhead_WidenedByTheClockSkew(int skew, int nbfFromNow, bool valid)
    {
        var rig = new VerifierRig(o => o.ClockSkew = skew);
        rig.Credentials.Add(_key);

        var verdict = rig.Verify(_key.Token(new { iss = "partner-key", exp = rig.Now + 3600, nbf = rig.Now + nbfFromNow }));

        Assert.Equal(valid, verdict.Succeeded);
        if (!valid)
        {
            Assert.Equal((GatewayCodes.TokenNotYetValid, "token not valid yet"), (verdict.Code, verdict.Message));
        }
    }

    [Theory]
    [InlineData(300, true)]
    [InlineData(301, false)]
    public void MaximumExpiration_RefusesAnExpFurtherAhead(int expFromNow, bool valid)
    {
        var rig = new VerifierRig(o => o.MaximumExpiration = 300);
        rig.Credentials.Add(_key);

        var verdict = rig.Verify(_key.Token(new { iss = "partner-key", exp = rig.Now + expFromNow, nbf = rig.Now }));

        Assert.Equal(valid, verdict.Succeeded);
        if (!valid)
        {
            Assert.Equal((GatewayCodes.ExpTooFar, "exceeds maximum allowed expiration"), (verdict.Code, verdict.Message));
        }
    }

    [Fact]
    public void MaximumExpiration_WithoutExpInClaimsToVerify_StillNeedsExp()
    {
        var rig = new VerifierRig(o => (o.MaximumExpiration, o.ClaimsToVerify) = (300, "nbf"));
        rig.Credentials.Add(_key);

        Assert.Equal(GatewayCodes.MissingClaim, rig.Verify(_key.Token(new { iss = "partner-key", nbf = rig.Now })).Code);
        Assert.Equal(GatewayCodes.ExpTooFar, rig.Verify(_key.Token(new { iss = "partner-key", nbf = rig.Now, exp = rig.Now + 301 })).Code);
        Assert.True(rig.Verify(_key.Token(new { iss = "partner-key", nbf = rig.Now, exp = rig.Now + 300 })).Succeeded);
    }

    [Fact]
    public void Success_CarriesTheCredential()
    {
        var credential = _rig.Credentials.FindByKey("partner-key");

        var verdict = _rig.Verify(Good());

        Assert.True(verdict.Succeeded);
        Assert.Same(credential, verdict.Credential);
        Assert.Null(verdict.Code);
        Assert.Null(verdict.Message);
    }

    private string Good() => _key.Token(new { iss = "partner-key", exp = Now + 60, nbf = Now });

    private string SignRaw(string headerJson, string claimsJson)
    {
        var input = Tokens.Segment(headerJson) + "." + Tokens.Segment(claimsJson);
        return input + "." + Tokens.Segment(_key.Sign(System.Text.Encoding.ASCII.GetBytes(input)));
    }
}
