using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Grains.Keys;

namespace SessionService.Api.Tokens;

/// <summary>
/// This node's copy of the key ring: the credentials that sign new access tokens and every key that may
/// still verify one, by <c>kid</c>. Loaded at start and again whenever the cluster announces a change.
/// </summary>
public sealed class SigningKeys(IGrainFactory grains, IOptions<AuthOptions> options, KeyProtector protector)
{
    private readonly AuthOptions _auth = options.Value;
    private volatile KeySnapshot? _current;

    public string Algorithm => _auth.EffectiveAlgorithm;

    public SigningCredentials Signing => Current.Signing;

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

        if (_auth.UsesKeyFiles)
        {
            _current ??= FromFiles(_auth.SigningKeyFiles, Algorithm);
            return;
        }

        var keys = await grains.Grain<IKeyRingGrain>(KeyRing.Id).GetOrRotateKeysAsync(Algorithm);
        if (_current?.Version != VersionOf(keys))
        {
            _current = FromKeyRing(keys, Algorithm, protector);
        }
    }

    public async Task<string?> RotateAsync()
    {
        if (_auth.UsesSharedSecret || _auth.UsesKeyFiles)
        {
            return null;
        }

        var keys = await grains.Grain<IKeyRingGrain>(KeyRing.Id).RotateAsync(Algorithm);
        _current = FromKeyRing(keys, Algorithm, protector);
        return _current.Signing.Key.KeyId;
    }

    private static KeySnapshot FromSecret(string secret, string algorithm)
    {
        var keyBytes = Encoding.UTF8.GetBytes(secret);
        var key = new SymmetricSecurityKey(keyBytes) { KeyId = "hs-" + Convert.ToHexStringLower(SHA256.HashData(keyBytes).AsSpan(0, 6)) };
        return new KeySnapshot(new SigningCredentials(key, algorithm), new Dictionary<string, SecurityKey> { [key.KeyId] = key }.ToFrozenDictionary(), []);
    }

    private static KeySnapshot FromKeyRing(IEnumerable<SigningKey> keys, string algorithm, KeyProtector protector)
    {
        var usable = keys.Where(k => k.Algorithm == algorithm).OrderBy(k => k.RetiredAt is not null).ToList();
        return FromPrivateKeys(usable.Select(k => (k.KeyId, ImportPkcs8(k, protector))).ToList(), algorithm) with { Version = VersionOf(keys) };
    }

    /// <summary>Which keys the ring holds and which of them signs; unchanged means nothing to rebuild.</summary>
    private static string VersionOf(IEnumerable<SigningKey> keys) =>
        string.Join(",", keys.Select(k => k.KeyId + (k.RetiredAt is null ? "+" : "-")));

    /// <summary>The first file signs; each key's id is its RFC 7638 JWK thumbprint.</summary>
    private static KeySnapshot FromFiles(IEnumerable<string> paths, string algorithm) =>
        FromPrivateKeys(paths.Select(path =>
        {
            var key = SigningKeyFiles.Load(path, algorithm);
            var thumbprint = JsonWebKeyConverter.ConvertFromSecurityKey(ToSecurityKey(key, "")).ComputeJwkThumbprint();
            return (Base64UrlEncoder.Encode(thumbprint), key);
        }).ToList(), algorithm);

    /// <summary>Newest (signing) key first.</summary>
    private static KeySnapshot FromPrivateKeys(IReadOnlyList<(string KeyId, AsymmetricAlgorithm Key)> keys, string algorithm)
    {
        var published = keys.Select(k => new PublishedKey(k.KeyId, algorithm, PublicHalf(k.Key))).ToList();
        // Verify with the public halves: an ECDSA check with a private-key object is measurably slower.
        var byId = published.ToDictionary(k => k.KeyId, k => ToSecurityKey(k.PublicKey, k.KeyId));
        var signing = new SigningCredentials(ToSecurityKey(keys[0].Key, keys[0].KeyId), algorithm);
        return new KeySnapshot(signing, byId.ToFrozenDictionary(), published);
    }

    private static AsymmetricAlgorithm ImportPkcs8(SigningKey record, KeyProtector protector)
    {
        AsymmetricAlgorithm key = JwsAlgorithms.Get(record.Algorithm).Family == JwsAlgorithmFamily.Ecdsa ? ECDsa.Create() : RSA.Create();
        var pkcs8 = protector.Unprotect(record.ProtectedPrivateKey, record.KeyId);
        try
        {
            key.ImportPkcs8PrivateKey(pkcs8, out _);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        return key;
    }

    private static SecurityKey ToSecurityKey(AsymmetricAlgorithm key, string keyId) => key switch
    {
        ECDsa ec => new ECDsaSecurityKey(ec) { KeyId = keyId },
        RSA rsa => new RsaSecurityKey(rsa) { KeyId = keyId },
        _ => throw new ArgumentException("Unsupported key type.", nameof(key)),
    };

    private static AsymmetricAlgorithm PublicHalf(AsymmetricAlgorithm key) => key switch
    {
        ECDsa ec => ECDsa.Create(ec.ExportParameters(includePrivateParameters: false)),
        RSA rsa => RSA.Create(rsa.ExportParameters(includePrivateParameters: false)),
        _ => throw new ArgumentException("Unsupported key type.", nameof(key)),
    };

    private sealed record KeySnapshot(
        SigningCredentials Signing,
        FrozenDictionary<string, SecurityKey> ByKeyId,
        IReadOnlyList<PublishedKey> PublicKeys,
        string Version = "");
}

/// <summary>A verification key as JWKS publishes it.</summary>
public sealed record PublishedKey(string KeyId, string Algorithm, AsymmetricAlgorithm PublicKey);
