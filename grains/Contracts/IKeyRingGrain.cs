using System.Collections.Immutable;

namespace SessionService.Grains.Contracts;

/// <summary>The signing keys of the deployment (singleton, key <see cref="KeyRing.Id"/>).</summary>
[Alias("IKeyRingGrain")]
public interface IKeyRingGrain : IGrainWithStringKey
{
    /// <summary>Newest first; creates the first key for <paramref name="algorithm"/> when there is none.</summary>
    [Alias("GetKeys")]
    Task<ImmutableArray<SigningKey>> GetKeysAsync(string algorithm);

    [Alias("Rotate")]
    Task<ImmutableArray<SigningKey>> RotateAsync(string algorithm);
}

public static class KeyRing
{
    public const string Id = "default";
}
