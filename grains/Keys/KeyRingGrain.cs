using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SessionService.Grains.Contracts;

namespace SessionService.Grains.Keys;

/// <summary>
/// Holds the asymmetric signing keys so that every API node signs and verifies with the same ones. The
/// newest key signs; a key is replaced when rotated by an admin or when it is older than
/// <c>Auth:KeyRotationInterval</c>; a replaced key keeps verifying until every token it signed (24 h service
/// tokens included) has expired, then it is dropped. API nodes hear of every change through the revocation authority grain.
/// </summary>
public sealed class KeyRingGrain(
    [PersistentState("keyring", StorageNames.Sessions)] IPersistentState<KeyRingState> store,
    IOptions<AuthOptions> options,
    KeyProtector protector,
    [FromKeyedServices(SessionClock.Key)] TimeProvider clock,
    ILogger<KeyRingGrain> logger) : Grain, IKeyRingGrain
{
    private readonly AuthOptions _auth = options.Value;

    public Task<ImmutableArray<SigningKey>> GetOrRotateKeysAsync(string algorithm) => UpdateAsync(algorithm, forceRotation: false);

    public Task<ImmutableArray<SigningKey>> RotateAsync(string algorithm) => UpdateAsync(algorithm, forceRotation: true);

    private async Task<ImmutableArray<SigningKey>> UpdateAsync(string algorithm, bool forceRotation)
    {
        var now = clock.GetUtcNow();
        var keys = store.State.Keys;
        var active = keys.FirstOrDefault(k => k.Algorithm == algorithm && k.RetiredAt is null);
        if (forceRotation || active is null || now - active.CreatedAt >= _auth.KeyRotationInterval)
        {
            var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            var newKey = new SigningKey(keyId, algorithm, protector.Protect(SigningKeyFactory.CreatePkcs8(algorithm), keyId), now, RetiredAt: null);
            keys = [newKey, .. keys.Select(k => k.RetiredAt is null ? k with { RetiredAt = now } : k)];
        }

        keys = keys.RemoveAll(k => k.RetiredAt + _auth.RetiredKeyRetention <= now);
        if (!keys.SequenceEqual(store.State.Keys))
        {
            await store.WriteAsync(store.State with { Keys = keys }, this, logger);
            await GrainFactory.Grain<IRevocationAuthorityGrain>(RevocationAuthority.Id).AnnounceKeysChangedAsync();
        }

        return [.. keys];
    }
}
