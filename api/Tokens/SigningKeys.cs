using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using SessionService.Grains;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Tokens;

/// <summary>
/// This node's copy of the key ring: the credentials that sign new access tokens and every key that may
/// still verify one, by <c>kid</c>. Loaded at start and again whenever the cluster announces a change.
/// </summary>
public sealed class SigningKeys(IGrainFactory grains, IOptions<AuthOptions> options)
{
    private readonly AuthOptions _auth = options.Value;
    private volatile KeySnapshot? _current;

    public string Algorithm => _auth.EffectiveAlgorithm;

    public SigningCredentials Signing => Current.Signing;

    public IReadOnlyCollection<SecurityKey> VerificationKeys => Current.ByKeyId.Values;

    public SecurityKey? Find(string? keyId) =>
        keyId is not null && Current.ByKeyId.TryGetValue(keyId, out var key) ? key : null;

    /// <summary>Public halves of the asymmetric keys (none for a shared secret).</summary>
    public IReadOnlyList<PublishedKey> PublicKeys => Current.PublicKeys;

    private KeySnapshot Current => _current ?? throw new InvalidOperationException("Signing keys are not loaded yet.");

    public async Task ReloadAsync()
    {
        if (_auth.UsesSharedSecret)
        {
            _current ??= FromSecret(_auth.Secret!, Algorithm);
            return;
        }

        var keys = await grains.GetGrain<IKeyRingGrain>(KeyRing.Id).GetKeysAsync(Algorithm);
        _current = FromKeyRing(keys, Algorithm);
    }

    public async Task<string?> RotateAsync()
    {
        if (_auth.UsesSharedSecret)
        {
            return null;
        }

        var keys = await grains.GetGrain<IKeyRingGrain>(KeyRing.Id).RotateAsync(Algorithm);
        _current = FromKeyRing(keys, Algorithm);
        return _current.Signing.Key.KeyId;
    }

    private static KeySnapshot FromSecret(string secret, string algorithm)
    {
        var keyBytes = Encoding.UTF8.GetBytes(secret);
        var key = new SymmetricSecurityKey(keyBytes) { KeyId = "hs-" + Convert.ToHexStringLower(SHA256.HashData(keyBytes).AsSpan(0, 6)) };
        return new KeySnapshot(new SigningCredentials(key, algorithm), new Dictionary<string, SecurityKey> { [key.KeyId] = key }.ToFrozenDictionary(), []);
    }

    private static KeySnapshot FromKeyRing(IEnumerable<SigningKey> keys, string algorithm)
    {
        var usable = keys.Where(k => k.Algorithm == algorithm).ToList();
        var byId = new Dictionary<string, SecurityKey>();
        var publicKeys = new List<PublishedKey>();
        foreach (var record in usable)
        {
            var (key, publicKey) = ToSecurityKey(record);
            byId[record.KeyId] = key;
            publicKeys.Add(new PublishedKey(record.KeyId, record.Algorithm, publicKey));
        }

        var active = usable.First(k => k.RetiredAt is null);
        return new KeySnapshot(new SigningCredentials(byId[active.KeyId], algorithm), byId.ToFrozenDictionary(), publicKeys);
    }

    private static (SecurityKey Key, AsymmetricAlgorithm Public) ToSecurityKey(SigningKey record)
    {
        if (record.Algorithm.StartsWith("ES", StringComparison.Ordinal))
        {
            var ec = ECDsa.Create();
            ec.ImportPkcs8PrivateKey(record.PrivateKeyPkcs8, out _);
            var publicOnly = ECDsa.Create(ec.ExportParameters(includePrivateParameters: false));
            return (new ECDsaSecurityKey(ec) { KeyId = record.KeyId }, publicOnly);
        }

        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(record.PrivateKeyPkcs8, out _);
        var rsaPublic = RSA.Create(rsa.ExportParameters(includePrivateParameters: false));
        return (new RsaSecurityKey(rsa) { KeyId = record.KeyId }, rsaPublic);
    }

    private sealed record KeySnapshot(
        SigningCredentials Signing,
        FrozenDictionary<string, SecurityKey> ByKeyId,
        IReadOnlyList<PublishedKey> PublicKeys);
}

/// <summary>A verification key as JWKS publishes it.</summary>
public sealed record PublishedKey(string KeyId, string Algorithm, AsymmetricAlgorithm PublicKey);
