namespace SessionService.Grains.Users;

/// <summary>
/// Where failed logins are counted. One client (<see cref="ClientPartition"/>: an IPv6 client by its /64)
/// is one source; a caller proven to hold a live session of the user is that session, and a
/// trusted source keeps its own counter however many others there are.
/// </summary>
public sealed record LoginSource(string Key, bool Trusted)
{
    public static LoginSource OfAddress(string? ip, IReadOnlyCollection<string> familiar)
    {
        var key = ClientPartition.Of(ip);
        return new LoginSource(key, familiar.Contains(key));
    }

    public static LoginSource OfSession(string sessionId) => new("session:" + sessionId, Trusted: true);
}
