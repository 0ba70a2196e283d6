using System.Collections.Immutable;

namespace SessionService.Grains.Contracts;

/// <summary>The ids of one user's route tokens, keyed by user id: bounded, newest first, expired ones dropped.</summary>
[Alias("IRouteIndexGrain")]
public interface IRouteIndexGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task AddAsync(string routeTokenId, DateTimeOffset expiresAt);

    [Alias("Remove")]
    Task RemoveAsync(string routeTokenId);

    /// <summary>Newest first.</summary>
    [Alias("List")]
    Task<ImmutableArray<string>> ListAsync();
}
