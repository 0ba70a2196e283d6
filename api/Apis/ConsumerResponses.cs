using System.Text.Json.Serialization;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Apis;

public sealed record CreateConsumerRequest(string? Username, string? CustomId);

public sealed record CreateCredentialRequest(string? Key, string? Algorithm, string? Secret, string? RsaPublicKey);

/// <summary>Kong's consumer shape; <c>created_at</c> in Unix seconds, as Kong answers.</summary>
public sealed record ConsumerResponse(string Id, string? Username, string? CustomId, long CreatedAt)
{
    public static ConsumerResponse From(ConsumerView consumer) =>
        new(consumer.Id, consumer.Username, consumer.CustomId, consumer.CreatedAt.ToUnixTimeSeconds());
}

public sealed record ConsumerListResponse(ConsumerResponse[] Data, string? NextOffset);

public sealed record ConsumerReference(string Id);

/// <summary>Kong's JWT credential shape; the secret only in the answer that created it.</summary>
public sealed record CredentialResponse(
    string Id,
    string Key,
    string Algorithm,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RsaPublicKey,
    ConsumerReference Consumer, long CreatedAt)
{
    public static CredentialResponse From(CredentialView credential, string? shownSecret) =>
        new(credential.Id, credential.Key, credential.Algorithm, shownSecret, credential.PublicKeyPem, new(credential.ConsumerId), credential.CreatedAt.ToUnixTimeSeconds());
}

public sealed record CredentialListResponse(CredentialResponse[] Data);

public sealed record ImportResponse(int Created, int Skipped, int CredentialsCreated, int CredentialsSkipped);
