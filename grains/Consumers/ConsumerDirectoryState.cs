using System.Collections.Immutable;

namespace SessionService.Grains.Consumers;

[GenerateSerializer, Alias("ConsumerDirectoryState")]
public sealed record ConsumerDirectoryState
{
    [Id(0)]
    public ImmutableList<StoredConsumer> Consumers { get; init; } = [];

    [Id(1)]
    public long Version { get; init; }
}

[GenerateSerializer, Immutable, Alias("StoredConsumer")]
public sealed record StoredConsumer(
    [property: Id(0)] string Id,
    [property: Id(1)] string? Username,
    [property: Id(2)] string? CustomId,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] ImmutableList<StoredCredential> Credentials);

/// <summary>An HS secret is kept sealed under the key-encryption key, bound to the credential id.</summary>
[GenerateSerializer, Immutable, Alias("StoredCredential")]
public sealed record StoredCredential(
    [property: Id(0)] string Id,
    [property: Id(1)] string Key,
    [property: Id(2)] string Algorithm,
    [property: Id(3)] byte[]? SealedSecret,
    [property: Id(4)] string? PublicKeyPem,
    [property: Id(5)] DateTimeOffset CreatedAt);
