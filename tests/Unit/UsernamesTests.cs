using SessionService.Grains;

namespace SessionService.Tests.Unit;

/// <summary>The normalized name is the username grain's key and a storage column: its length is what must be bounded.</summary>
public sealed class UsernamesTests
{
    private const string Ffi = "\uFB03"; // one character, "ffi" once normalized
    private const string Salla = "\uFDFA"; // one character, 18 once normalized

    [Fact]
    public void IsValid_AcceptsANameWhoseNormalizedFormIsExactlyTheLimit()
    {
        var name = string.Concat(Enumerable.Repeat(Ffi, 21)) + "a";

        Assert.Equal(Usernames.MaxLength, Usernames.Normalize(name).Length);
        Assert.True(Usernames.IsValid(name));
    }

    [Fact]
    public void IsValid_RefusesANameWhoseNormalizedFormIsOneOverTheLimit()
    {
        var name = string.Concat(Enumerable.Repeat(Ffi, 21)) + "ab";

        Assert.Equal(Usernames.MaxLength + 1, Usernames.Normalize(name).Length);
        Assert.False(Usernames.IsValid(name));
    }

    [Fact]
    public void IsValid_RefusesAShortNameThatExpandsPastTheLimit() =>
        Assert.False(Usernames.IsValid(Salla + Salla + Salla + Salla));

    [Fact]
    public void IsValid_StillBoundsTheNameAsGiven()
    {
        Assert.True(Usernames.IsValid(new string('a', Usernames.MaxLength)));
        Assert.False(Usernames.IsValid(new string('a', Usernames.MaxLength + 1)));
    }
}
