using SessionService.Api.Gateway.Import;

namespace SessionService.Tests.Unit.Gateway.Import;

/// <summary>A document that is unusable as a whole is refused without an index.</summary>
public sealed class DeckFileDocumentErrorTests
{
    [Theory]
    [InlineData("", false, "The body is not valid JSON")]
    [InlineData("consumers: []", false, "The body is not valid JSON")]
    [InlineData("""{"consumers":[],}""", false, "The body is not valid JSON (line 1, byte 17): The JSON object contains a trailing comma")]
    [InlineData("""{"consumers":[]} // done""", false, "The body is not valid JSON")]
    [InlineData("""{"consumers":[],"consumers":[]}""", false, "The body is not valid JSON: Duplicate property 'consumers'")]
    [InlineData("""{"consumers":[{"username":"a","username":"b"}]}""", false, "The body is not valid JSON")]
    [InlineData("[]", false, "The document must be a mapping (an object), not a list.")]
    [InlineData("\"consumers\"", false, "The document must be a mapping (an object), not a string.")]
    [InlineData("""{"consumers":{"username":"a"}}""", false, "consumers must be a list, not a mapping.")]
    [InlineData("""{"consumers":"a"}""", false, "consumers must be a list, not a string.")]
    [InlineData("""{"jwt_secrets":[{"consumer":"a","key":"k"}]}""", false, "Top-level jwt_secrets are not supported")]
    [InlineData("", true, "The YAML body holds no document.")]
    [InlineData("# only a comment\n", true, "The YAML body holds no document.")]
    [InlineData("consumers: []\n---\nconsumers: []\n", true, "The YAML body holds more than one document.")]
    [InlineData("consumers: alice\n", true, "consumers must be a list, not a string.")]
    [InlineData("consumers: 3\n", true, "consumers must be a list, not a number")]
    [InlineData("consumers:\n  username: alice\n", true, "consumers must be a list, not a mapping.")]
    [InlineData("- consumers: []\n", true, "The document must be a mapping (an object), not a list.")]
    [InlineData("just text\n", true, "The document must be a mapping (an object), not a string.")]
    [InlineData("consumers: []\nconsumers: []\n", true, "The YAML key 'consumers' appears twice")]
    [InlineData("consumers:\n- username: a\n  username: b\n", true, "The YAML key 'username' appears twice")]
    [InlineData("? [a, b]\n: c\n", true, "YAML mapping keys must be plain text")]
    [InlineData("consumers: [\n", true, "The body is not valid YAML (line ")]
    [InlineData("consumers:\n- username: \"a\n", true, "The body is not valid YAML (line ")]
    [InlineData("consumers:\n\t- username: a\n", true, "The body is not valid YAML (line ")]
    [InlineData("jwt_secrets:\n- consumer: a\n  key: k\n", true, "Top-level jwt_secrets are not supported")]
    public void Read_RefusesTheWholeDocument(string body, bool isYaml, string detail)
    {
        var result = DeckFile.Read(body, isYaml);

        Assert.False(result.Succeeded);
        Assert.Null(result.Error.Index);
        Assert.StartsWith(detail, result.Error.Detail);
    }
}
