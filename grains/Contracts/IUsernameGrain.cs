namespace SessionService.Grains.Contracts;

/// <summary>Unique user names: keyed by the normalized name, it maps the name to its user id.</summary>
[Alias("IUsernameGrain")]
public interface IUsernameGrain : IGrainWithStringKey
{
    /// <summary>True when the name is now held by <paramref name="userId"/> (free before, or already its own).</summary>
    [Alias("TryClaim")]
    Task<bool> TryClaimAsync(string userId);

    [Alias("GetUserId")]
    Task<string?> GetUserIdAsync();

    [Alias("Release")]
    Task ReleaseAsync(string userId);

    /// <summary>
    /// Counts a failed login for a name no user holds, under the same lockout rule as real accounts, and
    /// returns how long the name is locked (null when it is not). Stored as a real account's counters are,
    /// and forgotten once older than the longest lockout, so guessed names do not keep rows forever.
    /// </summary>
    [Alias("RecordUnknownLoginFailure")]
    Task<TimeSpan?> RecordUnknownLoginFailureAsync();
}
