using System.Text;
using SessionService.Api.Gateway.Import;

namespace SessionService.Tests.Unit.Gateway.Import;

/// <summary>A realistic decK file, in YAML and in JSON, reads to the same consumers; everything else in it is ignored.</summary>
public sealed class DeckFileReadTests
{
    public static TheoryData<bool> Formats => [true, false];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Read_FindsEveryConsumerAndCredentialOfADeckDump(bool isYaml)
    {
        var result = DeckFile.Read(Encoding.UTF8.GetBytes(isYaml ? DeckFixtures.Yaml : DeckFixtures.Json), isYaml);

        Assert.True(result.Succeeded, result.Error?.Detail);
        Assert.Equal(3, result.Consumers.Count);

        var acme = result.Consumers[0];
        Assert.Equal(("acme", "acme-4711"), (acme.Username, acme.CustomId));
        Assert.Equal([new CredentialImport("acme-issuer", "HS256", DeckFixtures.HsSecret, null)], acme.Credentials);

        var globex = result.Consumers[1];
        Assert.Equal(("globex", null), (globex.Username, globex.CustomId));
        var rsa = Assert.Single(globex.Credentials);
        Assert.Equal(("https://idp.example.com/", "RS256", null), (rsa.Key, rsa.Algorithm, rsa.Secret));
        Assert.Equal(DeckFixtures.RsaPublicKeyPem + "\n", rsa.RsaPublicKey);

        var onlyCustomId = result.Consumers[2];
        Assert.Equal((null, "000123"), (onlyCustomId.Username, onlyCustomId.CustomId));
        Assert.Empty(onlyCustomId.Credentials);
    }

    [Fact]
    public void Read_TheMultiLinePemKeepsItsLinesAndLosesTheIndentation()
    {
        var result = DeckFile.Read(DeckFixtures.Yaml, isYaml: true);

        var pem = result.Consumers[1].Credentials[0].RsaPublicKey!;
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----\n", pem);
        Assert.EndsWith("-----END PUBLIC KEY-----\n", pem);
        Assert.DoesNotContain("\n ", pem);
    }

    [Fact]
    public void Read_AcceptsAUtf8ByteOrderMark()
    {
        var body = (byte[])[0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(DeckFixtures.Json)];

        Assert.True(DeckFile.Read(body, isYaml: false).Succeeded);
    }

    [Theory]
    [InlineData("_format_version: \"3.0\"\nservices: []\n", true)]
    [InlineData("consumers:\n", true)]
    [InlineData("consumers: []\n", true)]
    [InlineData("""{"_format_version":"3.0","services":[]}""", false)]
    [InlineData("""{"consumers":null}""", false)]
    public void Read_AFileWithoutConsumersHasNone(string body, bool isYaml)
    {
        var result = DeckFile.Read(body, isYaml);

        Assert.True(result.Succeeded, result.Error?.Detail);
        Assert.Empty(result.Consumers);
    }

    [Fact]
    public void Read_AYamlFlowStyleFileReadsToo()
    {
        var result = DeckFile.Read("""{consumers: [{username: a, jwt_secrets: [{key: k, algorithm: HS384}]}]}""", isYaml: true);

        Assert.True(result.Succeeded, result.Error?.Detail);
        Assert.Equal(new CredentialImport("k", "HS384", null, null), Assert.Single(Assert.Single(result.Consumers).Credentials));
    }

    [Theory]
    [InlineData("username: !!str 42", "42")]
    [InlineData("username: ! 42", "42")]
    [InlineData("username: \"true\"", "true")]
    [InlineData("username: yes", "yes")]
    [InlineData("username: 1.2.3", "1.2.3")]
    public void Read_YamlTextThatIsStatedAsTextIsAString(string field, string expected)
    {
        var result = DeckFile.Read($"consumers:\n- {field}\n", isYaml: true);

        Assert.True(result.Succeeded, result.Error?.Detail);
        Assert.Equal(expected, Assert.Single(result.Consumers).Username);
    }
}
