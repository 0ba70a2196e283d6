using SessionService.Grains.Users;

namespace SessionService.Grains.Tokens;

/// <summary>
/// A refresh token as a client presented it, already parsed in its format: what the rotation rules need to
/// know of it whatever its outward shape.
/// </summary>
public readonly record struct PresentedRefreshToken
{
    private readonly RefreshToken _native;
    private readonly WordPressRefreshToken _wordPress;

    private PresentedRefreshToken(RefreshTokenFormat format, string value, RefreshToken native, WordPressRefreshToken wordPress)
    {
        Format = format;
        Value = value;
        _native = native;
        _wordPress = wordPress;
    }

    public RefreshTokenFormat Format { get; }

    /// <summary>The string whose SHA-256 is stored and which seals the successor during the grace window.</summary>
    public string Value { get; }

    public static PresentedRefreshToken Native(RefreshToken parsed, string presented) =>
        new(RefreshTokenFormat.Native, presented, parsed, default);

    public static PresentedRefreshToken WordPress(WordPressRefreshToken parsed) =>
        new(RefreshTokenFormat.WordPress, parsed.Canonical, default, parsed);

    public byte[] Hash() => RefreshToken.Hash(Value);

    /// <summary>An earlier token of <paramref name="session"/>, proven by its lineage tag.</summary>
    public bool IsOlderTokenOf(DeviceSession session) => Format == RefreshTokenFormat.WordPress
        ? _wordPress.HasValidTag(session.LineageKey)
        : _native.Generation < session.Generation && _native.HasValidTag(session.LineageKey);

    /// <summary>How many rotations ago this token was current, when its format says (for the reuse log).</summary>
    public long RotationsAgo(DeviceSession session) =>
        Format == RefreshTokenFormat.Native ? session.Generation - _native.Generation : 0;

    public string MintSuccessor(DeviceSession session) =>
        SessionRefreshTokens.Mint(Format, _native.UserId, _wordPress.UserNumber, session.SessionId, session.Generation + 1, session.LineageKey);
}
