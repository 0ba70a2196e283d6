namespace SessionService.Grains.Contracts;

/// <summary>
/// Keyed by a user number: its one holder. The single writer for that number, so two users can never hold it.
/// A number stays held after its user is deleted: numbers are never reused.
/// </summary>
[Alias("IUserNumberGrain")]
public interface IUserNumberGrain : IGrainWithIntegerKey
{
    /// <summary>True when the number is now (or already was) held by <paramref name="userId"/>.</summary>
    [Alias("TryClaim")]
    Task<bool> TryClaimAsync(string userId);

    [Alias("GetHolder")]
    Task<string?> GetHolderAsync();
}

/// <summary>Hands out user numbers in increasing order; a number is stored as handed out before anyone gets it.</summary>
[Alias("IUserNumberSequenceGrain")]
public interface IUserNumberSequenceGrain : IGrainWithIntegerKey
{
    public const long Id = 0;

    [Alias("Next")]
    Task<long> NextAsync();

    /// <summary>
    /// Hands out only numbers above <paramref name="number"/> from now on (an import set numbers up to it), so
    /// creates after a large import do not walk through its numbers one taken number at a time.
    /// </summary>
    [Alias("SkipPast")]
    Task SkipPastAsync(long number);

    /// <summary>
    /// The highest number handed out or skipped past: no number above it is held, since every number set
    /// explicitly (create, import) is skipped past before it is claimed. The end of user listing's scan.
    /// </summary>
    [Alias("GetHighest")]
    Task<long> GetHighestAsync();
}
