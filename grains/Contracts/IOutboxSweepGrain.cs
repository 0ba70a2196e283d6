namespace SessionService.Grains.Contracts;

/// <summary>
/// The users whose revocation outbox could not be published. A user grain delivers its own outbox while it
/// is active; this list is what brings it back after its silo died first: every silo start sweeps it.
/// </summary>
[Alias("IOutboxSweepGrain")]
public interface IOutboxSweepGrain : IGrainWithIntegerKey
{
    public const long Id = 0;

    [Alias("Add")]
    Task AddAsync(string userId);

    /// <summary>Asks every listed user to deliver its outbox; those that did leave the list. Answers how many remain.</summary>
    [Alias("Sweep")]
    Task<int> SweepAsync();
}
