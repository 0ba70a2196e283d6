using System.Collections.Immutable;

namespace SessionService.Grains.Contracts;

/// <summary>The signing keys of the deployment (singleton, key <see cref="KeyRing.Id"/>).</summary>
[Alias("IKeyRingGrain")]
public interface IKeyRingGrain : IGrainWithStringKey
{
    /// <summary>
    /// The keys, newest first, after bringing the ring up to date: creates the first key for
    /// <paramref name="algorithm"/> when there is none, replaces the active key once it is older than
    /// <c>Auth:KeyRotationInterval</c>, and drops retired keys whose tokens have all expired. So it may write.
    /// </summary>
    /// <remarks>The alias is the method's earlier name, kept so nodes of both releases interoperate.</remarks>
    [Alias("GetKeys")]
    Task<ImmutableArray<SigningKey>> GetOrRotateKeysAsync(string algorithm);

    [Alias("Rotate")]
    Task<ImmutableArray<SigningKey>> RotateAsync(string algorithm);
}

public static class KeyRing
{
    public const string Id = "default";
}
