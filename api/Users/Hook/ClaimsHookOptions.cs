namespace SessionService.Api.Users.Hook;

/// <summary>
/// <c>Auth:ClaimsHook</c>: an HTTP endpoint of the operator's asked before every access token is issued
/// (as Ory Hydra's token hook and Auth0 Actions are), for claims to add or to refuse the login.
/// </summary>
public sealed class ClaimsHookOptions
{
    public const string Section = "Auth:ClaimsHook";

    /// <summary>Unset: no hook.</summary>
    public string? Url { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer</c>, so the hook knows the call is ours.</summary>
    public string? Secret { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);

    public ClaimsHookFailure OnFailure { get; set; } = ClaimsHookFailure.Deny;

    public bool Enabled => Url is not null;
}

public enum ClaimsHookFailure
{
    /// <summary>No token while the hook cannot answer: 503 with Retry-After.</summary>
    Deny,

    /// <summary>The token is issued without the hook's claims.</summary>
    Omit,
}
