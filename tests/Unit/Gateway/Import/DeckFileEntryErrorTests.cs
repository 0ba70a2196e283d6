using SessionService.Api.Gateway.Import;

namespace SessionService.Tests.Unit.Gateway.Import;

/// <summary>An entry of the wrong shape is refused with its own index, and the detail names the field.</summary>
public sealed class DeckFileEntryErrorTests
{
    [Theory]
    [InlineData("- 42", "consumers[1] must be a mapping")]
    [InlineData("- [username, x]", "consumers[1] must be a mapping")]
    [InlineData("- {}", "consumers[1] needs a username or a custom_id")]
    [InlineData("- {id: 7b2e4c6d, tags: [a]}", "consumers[1] needs a username or a custom_id")]
    [InlineData("- {username: null, custom_id: ~}", "consumers[1] needs a username or a custom_id")]
    [InlineData("- {username: ''}", "consumers[1].username must not be empty")]
    [InlineData("- {username: b, custom_id: \"\"}", "consumers[1].custom_id must not be empty")]
    [InlineData("- {username: 42}", "consumers[1].username must be a string, not a number")]
    [InlineData("- {custom_id: 0x1F}", "consumers[1].custom_id must be a string, not a number")]
    [InlineData("- {username: true}", "consumers[1].username must be a string, not a boolean")]
    [InlineData("- {username: [b]}", "consumers[1].username must be a string, not a list")]
    [InlineData("- {username: !!binary aGk=}", "consumers[1].username must be a string, not a tagged value")]
    [InlineData("- {username: b, jwt_secrets: {key: k}}", "consumers[1].jwt_secrets must be a list, not a mapping")]
    [InlineData("- {username: b, jwt_secrets: k}", "consumers[1].jwt_secrets must be a list, not a string")]
    [InlineData("- {username: b, jwt_secrets: [k]}", "consumers[1].jwt_secrets[0] must be a mapping")]
    [InlineData("- {username: b, jwt_secrets: [{key: k}, {key: 7}]}", "consumers[1].jwt_secrets[1].key must be a string, not a number")]
    [InlineData("- {username: b, jwt_secrets: [{algorithm: [HS256]}]}", "consumers[1].jwt_secrets[0].algorithm must be a string")]
    [InlineData("- {username: b, jwt_secrets: [{secret: 1e3}]}", "consumers[1].jwt_secrets[0].secret must be a string, not a number")]
    [InlineData("- {username: b, jwt_secrets: [{rsa_public_key: {pem: x}}]}", "consumers[1].jwt_secrets[0].rsa_public_key must be a string")]
    public void Read_ABadSecondEntryIsRefusedAtIndexOne(string secondEntry, string expected)
    {
        var result = DeckFile.Read($"consumers:\n- username: a\n{secondEntry}\n- username: c\n", isYaml: true);

        Assert.False(result.Succeeded);
        Assert.Equal(1, result.Error.Index);
        Assert.StartsWith(expected, result.Error.Detail);
        Assert.Empty(result.Consumers);
    }

    [Theory]
    [InlineData("""{"username":7}""", "consumers[2].username must be a string, not a number (quote it to make it a string)")]
    [InlineData("""{"username":"c","jwt_secrets":[{"key":false}]}""", "consumers[2].jwt_secrets[0].key must be a string, not a boolean")]
    [InlineData("""{"username":"c","jwt_secrets":[null]}""", "consumers[2].jwt_secrets[0] must be a mapping (an object), not null")]
    [InlineData("null", "consumers[2] must be a mapping (an object), not null")]
    public void Read_ABadJsonEntryIsRefusedAtItsIndex(string thirdEntry, string expected)
    {
        var result = DeckFile.Read($$"""{"consumers":[{"username":"a"},{"custom_id":"b"},{{thirdEntry}}]}""", isYaml: false);

        Assert.False(result.Succeeded);
        Assert.Equal(2, result.Error.Index);
        Assert.Equal(expected + ".", result.Error.Detail);
    }

    [Fact]
    public void Read_UnknownFieldsOfAnyShapeAreIgnored()
    {
        var result = DeckFile.Read("""
            {"consumers":[{"username":"a","created_at":1700000000,"tags":null,"basicauth_credentials":[{"username":"a","password":"p"}],
              "jwt_secrets":[{"key":"k","id":"x","tags":["t"],"created_at":1700000000,"consumer":{"id":"y"}}]}]}
            """, isYaml: false);

        Assert.True(result.Succeeded, result.Error?.Detail);
    }
}
