namespace SessionService.Grains.Contracts;

/// <summary>Unique user names: keyed by the normalized name, it maps the name to its user id.</summary>
[Alias("IUsernameGrain")]
public interface IUsernameGrain : IGrainWithStringKey
{
    /// <summary>
    /// True when the name is now held by <paramref name="userId"/> (free before, or already its own). A new
    /// claim is pending until <see cref="ConfirmAsync"/>: the user grain is created after the claim.
    /// </summary>
    [Alias("TryClaim")]
    Task<bool> TryClaimAsync(string userId);

    /// <summary>Marks the claim of <paramref name="userId"/> as backed by a created user; false when the name is no longer its own.</summary>
    [Alias("Confirm")]
    Task<bool> ConfirmAsync(string userId);

    [Alias("GetClaim")]
    Task<UsernameClaim?> GetClaimAsync();

    /// <summary>
    /// Takes the name for <paramref name="userId"/> from <paramref name="seen"/>, whose user grain the caller
    /// found not to exist after reading <paramref name="seen"/>: a confirmed claim's user was deleted (ids are
    /// never reused), a pending one's creation failed once it is older than any creation can take. False
    /// when the claim has changed since it was seen, or a pending one may still complete.
    /// </summary>
    [Alias("TryReclaim")]
    Task<bool> TryReclaimAsync(UsernameClaim seen, string userId);

    [Alias("GetUserId")]
    Task<string?> GetUserIdAsync();

    /// <summary>Frees the name if <paramref name="userId"/> holds it; idempotent.</summary>
    [Alias("Release")]
    Task ReleaseAsync(string userId);

    /// <summary>
    /// Counts a failed login for a name no user holds, under the same lockout rule as real accounts, and
    /// returns how long the name is locked (null when it is not). Stored as a real account's counters are,
    /// and forgotten once older than the longest lockout, so guessed names do not keep rows forever.
    /// </summary>
    [Alias("RecordUnknownLoginFailure")]
    Task<TimeSpan?> RecordUnknownLoginFailureAsync(ClientInfo client);
}
