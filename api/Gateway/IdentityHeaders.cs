using SessionService.Api.Tokens;

namespace SessionService.Api.Gateway;

/// <summary>
/// The headers that tell an upstream who called. This service alone sets them: the built-in proxy removes
/// every one of them from the client's request before it sets its own.
/// </summary>
public static class IdentityHeaders
{
    public const string ConsumerId = "X-Consumer-ID";
    public const string ConsumerCustomId = "X-Consumer-Custom-ID";
    public const string ConsumerUsername = "X-Consumer-Username";
    public const string CredentialIdentifier = "X-Credential-Identifier";
    public const string AnonymousConsumer = "X-Anonymous-Consumer";
    public const string UserId = "X-User-Id";
    public const string SessionId = "X-Session-Id";
    public const string Username = "X-Username";
    public const string UserRoles = "X-User-Roles";
    public const string RouteTokenId = "X-Route-Token-Id";

    public static readonly IReadOnlyList<string> All =
    [
        ConsumerId, ConsumerCustomId, ConsumerUsername, CredentialIdentifier, AnonymousConsumer,
        UserId, SessionId, Username, UserRoles, RouteTokenId,
    ];

    public static IReadOnlyList<KeyValuePair<string, string>> ForCredential(GatewayCredential credential) =>
        [.. ForConsumer(credential.Consumer), new(CredentialIdentifier, credential.Key)];

    public static IReadOnlyList<KeyValuePair<string, string>> ForAnonymous(GatewayConsumer consumer) =>
        [.. ForConsumer(consumer), new(AnonymousConsumer, "true")];

    public static IReadOnlyList<KeyValuePair<string, string>> ForUser(AccessTokenIdentity user)
    {
        List<KeyValuePair<string, string>> headers = [new(UserId, user.UserId), new(SessionId, user.SessionId)];
        if (user.Username is { } username)
        {
            headers.Add(new(Username, username));
        }

        headers.Add(new(UserRoles, string.Join(',', user.Roles)));
        return headers;
    }

    private static List<KeyValuePair<string, string>> ForConsumer(GatewayConsumer consumer)
    {
        List<KeyValuePair<string, string>> headers = [new(ConsumerId, consumer.Id)];
        if (consumer.CustomId is { } customId)
        {
            headers.Add(new(ConsumerCustomId, customId));
        }

        if (consumer.Username is { } username)
        {
            headers.Add(new(ConsumerUsername, username));
        }

        return headers;
    }
}
