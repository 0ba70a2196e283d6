using System.Collections.Immutable;

namespace SessionService.Grains.Contracts;

[GenerateSerializer, Immutable, Alias("NewConsumer")]
public sealed record NewConsumer([property: Id(0)] string? Username, [property: Id(1)] string? CustomId);

[GenerateSerializer, Immutable, Alias("ConsumerView")]
public sealed record ConsumerView(
    [property: Id(0)] string Id,
    [property: Id(1)] string? Username,
    [property: Id(2)] string? CustomId,
    [property: Id(3)] DateTimeOffset CreatedAt);

[GenerateSerializer, Immutable, Alias("ConsumerPage")]
public sealed record ConsumerPage([property: Id(0)] ImmutableArray<ConsumerView> Data, [property: Id(1)] int? NextOffset);

/// <summary>A credential to add; the key is made when absent. The secret is already decoded and checked.</summary>
[GenerateSerializer, Immutable, Alias("NewCredential")]
public sealed record NewCredential(
    [property: Id(0)] string? Key,
    [property: Id(1)] string Algorithm,
    [property: Id(2)] byte[]? Secret,
    [property: Id(3)] string? PublicKeyPem);

/// <summary>A credential as the admin API shows it: never its secret.</summary>
[GenerateSerializer, Immutable, Alias("CredentialView")]
public sealed record CredentialView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Key,
    [property: Id(2)] string Algorithm,
    [property: Id(3)] string? PublicKeyPem,
    [property: Id(4)] string ConsumerId,
    [property: Id(5)] DateTimeOffset CreatedAt);

public enum DirectoryError
{
    None,
    ConsumerExists,
    ConsumerNotFound,
    CredentialExists,
    CredentialNotFound,
}

[GenerateSerializer, Immutable, Alias("ConsumerChange")]
public sealed record ConsumerChange([property: Id(0)] ConsumerView? Consumer, [property: Id(1)] DirectoryError Error);

[GenerateSerializer, Immutable, Alias("CredentialChange")]
public sealed record CredentialChange([property: Id(0)] CredentialView? Credential, [property: Id(1)] DirectoryError Error);

[GenerateSerializer, Immutable, Alias("ImportedConsumer")]
public sealed record ImportedConsumer(
    [property: Id(0)] string? Username,
    [property: Id(1)] string? CustomId,
    [property: Id(2)] ImmutableArray<NewCredential> Credentials);

/// <summary>
/// What an import did: consumers and credentials created, and those skipped because the directory
/// already held them alike; or, when an entry conflicts, nothing done and the entry's index.
/// </summary>
[GenerateSerializer, Immutable, Alias("ImportOutcome")]
public sealed record ImportOutcome(
    [property: Id(0)] int Created,
    [property: Id(1)] int Skipped,
    [property: Id(2)] int CredentialsCreated,
    [property: Id(3)] int CredentialsSkipped,
    [property: Id(4)] int? FailedIndex,
    [property: Id(5)] DirectoryError Error);

/// <summary>One credential as API nodes load it: the secret still sealed (opened in the node's memory only).</summary>
[GenerateSerializer, Immutable, Alias("SnapshotCredential")]
public sealed record SnapshotCredential(
    [property: Id(0)] string Id,
    [property: Id(1)] string Key,
    [property: Id(2)] string Algorithm,
    [property: Id(3)] byte[]? SealedSecret,
    [property: Id(4)] string? PublicKeyPem,
    [property: Id(5)] string ConsumerId,
    [property: Id(6)] string? Username,
    [property: Id(7)] string? CustomId);

/// <summary>
/// Every credential, and every consumer (the anonymous one may hold none); <see cref="Version"/> grows with
/// each change, so a node can skip a reload.
/// </summary>
[GenerateSerializer, Immutable, Alias("CredentialSnapshot")]
public sealed record CredentialSnapshot(
    [property: Id(0)] long Version,
    [property: Id(1)] ImmutableArray<SnapshotCredential> Credentials,
    [property: Id(2)] ImmutableArray<ConsumerView> Consumers);
