namespace SessionService.Grains.Contracts;

/// <summary>A signing key of the key ring: PKCS#8 private key bytes for ES*/RS*/PS* algorithms.</summary>
[GenerateSerializer, Immutable, Alias("SigningKey")]
public sealed record SigningKey(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Algorithm,
    [property: Id(2)] byte[] PrivateKeyPkcs8,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? RetiredAt);
