namespace SessionService.Grains.Users;

/// <summary>What a presented refresh token does to its device session.</summary>
public enum RefreshVerdict
{
    /// <summary>Not a token of this session (made up, or for another session): nothing changes.</summary>
    Invalid,

    /// <summary>The current token: it becomes the previous one and exactly one successor is minted.</summary>
    Rotate,

    /// <summary>The previous token again inside the grace window: the same successor as before.</summary>
    Retry,

    /// <summary>An authentic token of a session past its expiry: the session is dropped, nothing is revoked.</summary>
    Expired,

    /// <summary>An authentic token that was rotated out, outside the grace window: the session is revoked.</summary>
    Reuse,

    /// <summary>A device slot's current token used without rotation (a WordPress cookie login): nothing changes.</summary>
    Valid,

    /// <summary>A device slot's token that is not its current one and revokes nothing (WordPress: made up, or of an expired session).</summary>
    Obsolete,
}
