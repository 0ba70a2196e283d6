using System.Collections.Concurrent;

namespace SessionService.Tests.Faults;

/// <summary>
/// One user of the load: its current session's refresh tokens in the order the service answered them
/// with 200 (the login's first), that session's access token, and the access tokens of the sessions it
/// logged out with an answered 204. Only its own worker writes it; others read the logged-out tokens
/// (a concurrent queue) while the load runs, and the rest once it stopped.
/// </summary>
public sealed class VirtualClient(int number, string username, int sessionLength)
{
    public int Number { get; } = number;
    public string Username { get; } = username;

    /// <summary>How many refreshes answered 200 it makes before it logs out and in again.</summary>
    public int SessionLength { get; } = sessionLength;

    /// <summary>The current session's refresh tokens answered with 200; empty while logged out.</summary>
    public List<string> Chain { get; } = [];

    public string? AccessToken { get; set; }

    /// <summary>Set by <see cref="FaultLoad.LogOutShortSessionsNow"/>: log out at the next request, until answered.</summary>
    public volatile bool LogoutRequested;

    /// <summary>The node (host:port) that answered its last login or refresh with 200, for failure messages.</summary>
    public string? LastAnsweredBy { get; set; }

    /// <summary>Refreshes of this client answered 200 (all sessions).</summary>
    public int Refreshes { get; set; }

    public ConcurrentQueue<string> LoggedOutAccessTokens { get; } = new();

    public void StartSession(string accessToken, string refreshToken)
    {
        Chain.Clear();
        Chain.Add(refreshToken);
        AccessToken = accessToken;
    }

    public void EndSession()
    {
        LogoutRequested = false;
        LoggedOutAccessTokens.Enqueue(AccessToken!);
        Chain.Clear();
        AccessToken = null;
    }
}
