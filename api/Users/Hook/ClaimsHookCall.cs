namespace SessionService.Api.Users.Hook;

/// <summary>What the hook is told: which token is about to be issued, to whom, on which device.</summary>
public sealed record ClaimsHookCall(string Event, ClaimsHookUser User, ClaimsHookSession Session, ClaimsHookClient Client)
{
    public const string Login = "login";
    public const string Refresh = "refresh";
}

public sealed record ClaimsHookUser(string Id, string Username, IReadOnlyList<string> Roles);

public sealed record ClaimsHookSession(string Id, string Device);

public sealed record ClaimsHookClient(string? Ip, string? UserAgent);
