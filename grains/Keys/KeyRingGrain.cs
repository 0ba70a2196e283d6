using Microsoft.Extensions.DependencyInjection;
using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SessionService.Grains.Contracts;

namespace SessionService.Grains.Keys;

/// <summary>
/// Holds the asymmetric signing keys so that every API node signs and verifies with the same ones. A key
/// replaced by rotation keeps verifying until every token it signed has expired, then it is dropped.
/// </summary>
public sealed class KeyRingGrain(
    [PersistentState("keyring", StorageNames.Sessions)] IPersistentState<KeyRingState> store,
    IOptions<AuthOptions> options,
    [FromKeyedServices(SessionClock.Key)] TimeProvider clock) : Grain, IKeyRingGrain
{
    public async Task<ImmutableArray<SigningKey>> GetKeysAsync(string algorithm)
    {
        if (!store.State.Keys.Any(k => k.Algorithm == algorithm && k.RetiredAt is null))
        {
            return await RotateAsync(algorithm);
        }

        return [.. store.State.Keys];
    }

    public async Task<ImmutableArray<SigningKey>> RotateAsync(string algorithm)
    {
        var now = clock.GetUtcNow();
        var retention = options.Value.AccessTokenLifetime + options.Value.ClockSkew;
        var kept = store.State.Keys
            .Select(k => k.RetiredAt is null ? k with { RetiredAt = now } : k)
            .Where(k => k.RetiredAt + retention > now);
        var newKey = new SigningKey(
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            algorithm,
            SigningKeyFactory.CreatePkcs8(algorithm),
            now,
            RetiredAt: null);
        store.State = store.State with { Keys = [newKey, .. kept] };
        await store.WriteStateAsync();
        return [.. store.State.Keys];
    }
}
