using SessionService.Api.Gateway.Import;

namespace SessionService.Tests.Unit.Gateway.Import;

/// <summary>A username, custom_id or key used twice in one file is refused at its second use.</summary>
public sealed class DeckFileDuplicateTests
{
    [Theory]
    [InlineData("- username: a\n- username: b\n- username: a\n", 2, "consumers[2].username 'a' is already used by consumers[0].")]
    [InlineData("- custom_id: x\n- username: b\n  custom_id: x\n", 1, "consumers[1].custom_id 'x' is already used by consumers[0].")]
    [InlineData("- username: a\n  jwt_secrets: [{key: k}]\n- username: b\n  jwt_secrets: [{key: j}, {key: k}]\n", 1,
        "consumers[1].jwt_secrets[1].key 'k' is already used by consumers[0].")]
    [InlineData("- username: a\n  jwt_secrets: [{key: k}, {key: k}]\n", 0, "consumers[0].jwt_secrets[1].key 'k' is already used by consumers[0].")]
    public void Read_TheSecondUseIsRefused(string consumers, int index, string detail)
    {
        var result = DeckFile.Read("consumers:\n" + consumers, isYaml: true);

        Assert.Equal(new DeckError(index, detail), result.Error);
    }

    [Theory]
    [InlineData("- username: a\n- custom_id: a\n")]
    [InlineData("- username: a\n- username: A\n")]
    [InlineData("- username: a\n  jwt_secrets: [{algorithm: HS256}]\n- username: b\n  jwt_secrets: [{algorithm: HS256}]\n")]
    public void Read_DifferentFieldsOrCaseOrAbsentKeysAreNoDuplicates(string consumers)
    {
        Assert.True(DeckFile.Read("consumers:\n" + consumers, isYaml: true).Succeeded);
    }
}
