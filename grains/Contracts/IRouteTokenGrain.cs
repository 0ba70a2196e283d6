namespace SessionService.Grains.Contracts;

/// <summary>
/// One route token, keyed by its id: the single writer of its use count. Every use is decided and written
/// here before it is granted, so of any number of concurrent uses at most <c>max_uses</c> succeed, and a
/// revocation holds for every node at once.
/// </summary>
[Alias("IRouteTokenGrain")]
public interface IRouteTokenGrain : IGrainWithStringKey
{
    /// <summary>Ids are fresh random values: an id that already holds a token throws <see cref="InvalidOperationException"/>.</summary>
    [Alias("Issue")]
    Task<RouteTokenView> IssueAsync(NewRouteToken token);

    /// <summary>Decides one use and, when granted, records it (count and client) in storage before answering.</summary>
    [Alias("Use")]
    Task<RouteUseResult> UseAsync(ClientInfo client);

    /// <summary>Null when there is no such token.</summary>
    [Alias("Get")]
    Task<RouteTokenView?> GetAsync();

    /// <summary>False when there is no such token; revoking twice is fine.</summary>
    [Alias("Revoke")]
    Task<bool> RevokeAsync();
}
