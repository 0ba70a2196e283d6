namespace SessionService.Api.Gateway.Import;

/// <summary>One consumer of a declarative file, as written: nothing here is checked beyond its shape.</summary>
public sealed record ConsumerImport(string? Username, string? CustomId, IReadOnlyList<CredentialImport> Credentials);

/// <summary>One entry of a consumer's <c>jwt_secrets</c>, as written (Kong's field names).</summary>
public sealed record CredentialImport(string? Key, string? Algorithm, string? Secret, string? RsaPublicKey);
