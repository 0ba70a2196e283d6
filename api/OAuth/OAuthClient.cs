using SessionService.Api.Http;

namespace SessionService.Api.OAuth;

/// <summary>
/// Client identification on the token and revocation endpoints. Clients are public (RFC 6749 §2.1): they may name
/// themselves with <c>client_id</c>, and the only authentication method is <c>none</c> (a Basic header with an empty
/// password counts as naming the client, as many libraries send it). A client that tries to authenticate (another
/// <c>Authorization</c> header, a <c>client_secret</c> or a client assertion) is refused with 401
/// <c>invalid_client</c> (§5.2) rather than have its secret ignored.
/// </summary>
public static class OAuthClient
{
    public const int MaxClientIdLength = 128;
    private static readonly string[] CredentialFields = ["client_secret", "client_assertion", "client_assertion_type"];

    /// <summary>The <c>client_id</c> sent (null if none), or the error that refuses the request.</summary>
    public static (string? ClientId, ApiError? Error) Identify(HttpContext http, RequestFields fields)
    {
        string? headerClientId = null;
        if (http.Request.Headers.Authorization.Count > 0)
        {
            if (PublicClientInBasic(http.Request.Headers.Authorization.ToString()) is not { } named)
            {
                var scheme = http.Request.Headers.Authorization.ToString().Split(' ', 2)[0];
                http.Response.Headers.WWWAuthenticate = $"{scheme} realm=\"{Problems.Realm}\"";
                return (null, Refused("Client authentication is not supported: clients are public (token_endpoint_auth_method none). Send client_id in the body, without credentials."));
            }

            headerClientId = named;
        }

        if (CredentialFields.FirstOrDefault(name => fields.Names.Contains(name)) is { } credential)
        {
            return (null, Refused($"Client authentication ({credential}) is not supported: clients are public (token_endpoint_auth_method none)."));
        }

        var clientId = fields.OptionalString("client_id", MaxClientIdLength);
        if (clientId is not null && headerClientId is not null && clientId != headerClientId)
        {
            return (null, new ApiError(StatusCodes.Status400BadRequest, OAuthErrors.InvalidRequest, "Two different client_ids were sent."));
        }

        clientId ??= headerClientId;
        if (clientId is not null && (clientId.Length is 0 or > MaxClientIdLength || !clientId.All(c => c is >= ' ' and <= '~')))
        {
            return (null, new ApiError(StatusCodes.Status400BadRequest, OAuthErrors.InvalidRequest, $"client_id must be 1 to {MaxClientIdLength} printable ASCII characters."));
        }

        return (clientId, null);
    }

    /// <summary>
    /// The client id of <c>Authorization: Basic</c> with an empty password, which is how many OAuth libraries
    /// (IdentityModel's default style among them) send a public client's id; null for anything else.
    /// </summary>
    private static string? PublicClientInBasic(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':');
            // RFC 6749 §2.3.1: the id is form-urlencoded before it is put in the header.
            return colon > 0 && colon == decoded.Length - 1 ? Uri.UnescapeDataString(decoded[..colon].Replace('+', ' ')) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static ApiError Refused(string detail) => new(StatusCodes.Status401Unauthorized, OAuthErrors.InvalidClient, detail);
}
