using System.Text.Json;
using SessionService.Grains.Claims;

namespace SessionService.Tests.Unit.Claims;

public sealed class CustomClaimsTests
{
    [Theory]
    [InlineData("sub")]
    [InlineData("SID")]
    [InlineData("Roles")]
    [InlineData("scope")]
    [InlineData("Client_Id")]
    [InlineData("azp")]
    [InlineData("email")]
    [InlineData("number")]
    [InlineData("display_name")]
    public void AccessTokenClaims_RefuseReservedNamesIgnoringCase(string name) =>
        Assert.Contains("reserved", CustomClaims.NameProblem(name, CustomClaims.AccessTokenReserved));

    [Fact]
    public void ServiceTokens_KeepScope_WhichTheServiceHonoursInThem() =>
        Assert.Null(CustomClaims.NameProblem("scope", CustomClaims.ServiceTokenReserved));

    [Theory]
    [InlineData("")]
    [InlineData("a\u0000b")]
    [InlineData("a\u200Bb")]
    [InlineData("tab\there")]
    public void Names_MustBeVisibleText(string name) =>
        Assert.NotNull(CustomClaims.NameProblem(name, CustomClaims.AccessTokenReserved));

    [Fact]
    public void Names_AreBoundedAt64Characters()
    {
        Assert.Null(CustomClaims.NameProblem(new string('n', 64), CustomClaims.AccessTokenReserved));
        Assert.NotNull(CustomClaims.NameProblem(new string('n', 65), CustomClaims.AccessTokenReserved));
    }

    [Fact]
    public void Sets_AreBoundedInCount()
    {
        var claims = Enumerable.Range(0, 33).Select(i => Claim($"c{i}", "1")).ToList();

        Assert.Null(CustomClaims.SetProblem(claims[..32], CustomClaims.AccessTokenReserved, CustomClaims.MaxAccessTokenBytes));
        Assert.Contains("At most 32", CustomClaims.SetProblem(claims, CustomClaims.AccessTokenReserved, CustomClaims.MaxAccessTokenBytes));
    }

    [Fact]
    public void Sets_AreBoundedInSerializedSize()
    {
        // {"big":"..."} is 10 bytes around the value.
        var fits = Claim("big", JsonSerializer.Serialize(new string('x', CustomClaims.MaxSerializedBytes - 10)));
        var over = Claim("big", JsonSerializer.Serialize(new string('x', CustomClaims.MaxSerializedBytes - 9)));

        Assert.Equal(CustomClaims.MaxSerializedBytes, CustomClaims.SerializedBytes([fits]));
        Assert.Null(CustomClaims.SetProblem([fits], CustomClaims.ServiceTokenReserved, CustomClaims.MaxSerializedBytes));
        Assert.NotNull(CustomClaims.SetProblem([over], CustomClaims.ServiceTokenReserved, CustomClaims.MaxSerializedBytes));
    }

    [Fact]
    public void AccessTokenClaims_AreBoundedTogetherWithTheDefaults_WhichTheyOverride()
    {
        var half = new string('x', CustomClaims.MaxAccessTokenBytes / 2);
        var defaults = new Dictionary<string, string> { ["tenant"] = half };

        Assert.Null(CustomClaims.AccessTokenProblem([Claim("tenant", JsonSerializer.Serialize(half + half[..100]))], defaults));
        Assert.NotNull(CustomClaims.AccessTokenProblem([Claim("other", JsonSerializer.Serialize(half))], defaults));
        Assert.Null(CustomClaims.AccessTokenProblem([Claim("other", JsonSerializer.Serialize(half))], new Dictionary<string, string>()));
    }

    [Fact]
    public void Sets_NameTheFirstBadClaim() =>
        Assert.Contains("'ACR'", CustomClaims.AccessTokenProblem([Claim("tenant", "\"acme\""), Claim("ACR", "1")], new Dictionary<string, string>()));

    private static KeyValuePair<string, JsonElement> Claim(string name, string json) => new(name, JsonDocument.Parse(json).RootElement.Clone());
}
