namespace SessionService.Api.Gateway;

/// <summary>Who a consumer is, as the identity headers tell the upstream.</summary>
public sealed record GatewayConsumer(string Id, string? Username, string? CustomId);

/// <summary>
/// One JWT credential as an API node holds it in memory: its key, the algorithm it pins, and what
/// verifies a signature made with it (the decoded HS secret, or the public key in PEM).
/// </summary>
public sealed record GatewayCredential(
    string Id,
    string Key,
    string Algorithm,
    GatewayConsumer Consumer,
    byte[]? Secret,
    string? PublicKeyPem);

/// <summary>This node's credentials by key; a deleted credential or consumer is no longer found.</summary>
public interface IGatewayCredentials
{
    GatewayCredential? FindByKey(string key);
}
