namespace SessionService.Grains.Contracts;

/// <summary>
/// Remembers that the configured first administrator was created, so a later start never creates it again:
/// an operator who deleted it (or whose configured password was published) must not get it back.
/// </summary>
[Alias("IAdminBootstrapGrain")]
public interface IAdminBootstrapGrain : IGrainWithIntegerKey
{
    public const long Id = 0;

    [Alias("IsDone")]
    Task<bool> IsDoneAsync();

    [Alias("MarkDone")]
    Task MarkDoneAsync();
}
