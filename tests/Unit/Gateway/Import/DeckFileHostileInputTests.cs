using System.Text;
using SessionService.Api.Gateway.Import;

namespace SessionService.Tests.Unit.Gateway.Import;

/// <summary>Hostile bodies come back as errors, quickly, and never as an exception.</summary>
public sealed class DeckFileHostileInputTests
{
    private const int OneMebibyte = 1 << 20;

    // What YAML and JSON give meaning to, and a little that they do not.
    private const string Punctuation = "{}[]:,-|>&*!?#'\"\n \t%@`\\0aZ.+~<=";

    public static TheoryData<bool> Formats => [true, false];

    [Fact]
    public void Read_RefusesAnAliasBeforeExpandingAnything()
    {
        var bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 'b'; level <= 'j'; level++)
        {
            bomb.Append($"{level}: &{level} [{string.Join(",", Enumerable.Repeat($"*{(char)(level - 1)}", 9))}]\n");
        }

        bomb.Append("consumers: [{username: *j}]\n");

        var result = DeckFile.Read(bomb.ToString(), isYaml: true);

        Assert.Equal(new DeckError(null, "YAML aliases are not accepted (line 2)."), result.Error);
    }

    [Fact]
    public void Read_RefusesAMergeKeyThatCopiesAnotherConsumer()
    {
        var body = "consumers:\n- &first {username: a, jwt_secrets: [{key: k}]}\n- <<: *first\n  username: b\n";

        Assert.Equal(new DeckError(null, "YAML merge keys (<<) are not accepted (line 3)."), DeckFile.Read(body, isYaml: true).Error);
    }

    [Fact]
    public void Read_RefusesAMergeKeyEvenWithoutAnAlias()
    {
        var body = "consumers:\n- <<: {username: a}\n  custom_id: b\n";

        Assert.Equal(new DeckError(null, "YAML merge keys (<<) are not accepted (line 2)."), DeckFile.Read(body, isYaml: true).Error);
    }

    [Fact]
    public void Read_AcceptsAnAnchorNobodyRefersTo() =>
        Assert.True(DeckFile.Read("consumers:\n- &a {username: a}\n", isYaml: true).Succeeded);

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{\"a\":", "}")]
    public void Read_RefusesDeepJsonNesting(string open, string close)
    {
        var depth = OneMebibyte / (open.Length + close.Length);
        var body = "{\"consumers\":" + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)) + "}";

        var result = DeckFile.Read(body, isYaml: false);

        Assert.StartsWith("The body is not valid JSON", result.Error?.Detail);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    public void Read_RefusesDeepYamlFlowNesting(string open, string close)
    {
        var depth = OneMebibyte / (open.Length + close.Length);
        var body = "consumers: " + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));

        var result = DeckFile.Read(body, isYaml: true);

        Assert.False(result.Succeeded);
        Assert.Null(result.Error.Index);
    }

    [Fact]
    public void Read_RefusesDeepYamlBlockNesting()
    {
        var body = string.Concat(Enumerable.Range(0, 2000).Select(level => new string(' ', level) + "a:\n"));

        var result = DeckFile.Read(body, isYaml: true);

        Assert.Equal(new DeckError(null, $"The YAML document nests deeper than {64} levels (line 65)."), result.Error);
    }

    [Fact]
    public void Read_ADocumentJustWithinTheDepthLimitIsRead()
    {
        var body = "consumers:\n- username: a\n  x: " + new string('[', 60) + new string(']', 60) + "\n";

        Assert.True(DeckFile.Read(body, isYaml: true).Succeeded);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Read_RefusesBytesThatAreNotUtf8(bool isYaml)
    {
        var body = (byte[])[.. "consumers: [{username: \""u8, 0xC3, 0x28, .. "\"}]"u8];

        Assert.Equal(new DeckError(null, "The body is not UTF-8 text."), DeckFile.Read(body, isYaml).Error);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Read_RefusesALoneSurrogate(bool isYaml)
    {
        var result = DeckFile.Read("{\"consumers\": [{\"username\": \"\uD800\"}]}", isYaml);

        Assert.False(result.Succeeded);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Read_NeverThrowsOnRandomBytes(bool isYaml)
    {
        var random = new Random(14);
        for (var round = 0; round < 2000; round++)
        {
            var body = new byte[random.Next(1, 300)];
            random.NextBytes(body);

            var result = DeckFile.Read(body, isYaml);

            Assert.False(result.Succeeded);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Read_NeverThrowsOnRandomPunctuation(bool isYaml)
    {
        var random = new Random(14);
        for (var round = 0; round < 2000; round++)
        {
            var text = new char[random.Next(1, 40)];
            for (var i = 0; i < text.Length; i++)
            {
                text[i] = Punctuation[random.Next(Punctuation.Length)];
            }

            _ = DeckFile.Read(new string(text), isYaml);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Read_NeverThrowsOnMangledDeckFiles(bool isYaml)
    {
        var original = isYaml ? DeckFixtures.Yaml : DeckFixtures.Json;
        var random = new Random(14);
        for (var round = 0; round < 2000; round++)
        {
            var text = original.ToCharArray();
            for (var edit = 0; edit < random.Next(1, 8); edit++)
            {
                text[random.Next(text.Length)] = Punctuation[random.Next(Punctuation.Length)];
            }

            _ = DeckFile.Read(new string(text), isYaml);
        }
    }
}
