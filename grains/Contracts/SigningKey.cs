namespace SessionService.Grains.Contracts;

/// <summary>A signing key of the key ring: its PKCS#8 private key, encrypted by <c>KeyProtector</c>.</summary>
[GenerateSerializer, Immutable, Alias("SigningKey")]
public sealed record SigningKey(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Algorithm,
    [property: Id(2)] byte[] ProtectedPrivateKey,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? RetiredAt);
