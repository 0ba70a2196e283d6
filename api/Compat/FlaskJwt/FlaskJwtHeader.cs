using Microsoft.Extensions.Options;
using SessionService.Api.Http;
using SessionService.Api.Tokens;

namespace SessionService.Api.Compat.FlaskJwt;

/// <summary>
/// Accepts <c>Authorization: JWT &lt;token&gt;</c> (the configured prefix, any case) on every endpoint
/// that takes a Bearer token. A request using the prefix gets Flask-JWT's own 401s for its header and
/// token errors; a good token is handed on as <c>Bearer</c>, so the endpoints and the access-token
/// scheme see the same request as from our own clients. Requests without the prefix pass untouched, and
/// so do unknown paths and the routes of surfaces with an error writer of their own (the gateway).
/// </summary>
public sealed class FlaskJwtHeader(RequestDelegate next, IOptions<FlaskJwtOptions> options, AccessTokenValidator validator)
{
    private readonly FlaskJwtOptions _options = options.Value;

    public async Task InvokeAsync(HttpContext http)
    {
        // Unknown paths stay 404; a surface with its own envelope (the gateway) keeps its own answers.
        var endpoint = http.GetEndpoint();
        var header = http.Request.Headers.Authorization;
        if (endpoint is null || endpoint.Metadata.GetMetadata<IErrorWriter>() is { } writer && writer is not FlaskJwtErrorWriter
            || header.Count != 1 || header[0] is not { } value)
        {
            await next(http);
            return;
        }

        // Python's str.split(): runs of whitespace separate parts, leading and trailing whitespace ignored.
        var parts = value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !string.Equals(parts[0], _options.HeaderPrefix, StringComparison.OrdinalIgnoreCase))
        {
            await next(http);
            return;
        }

        if (parts.Length == 1)
        {
            await RejectAsync(http, "Invalid JWT header", "Token missing");
            return;
        }

        if (parts.Length > 2)
        {
            await RejectAsync(http, "Invalid JWT header", "Token contains spaces");
            return;
        }

        var check = await validator.ValidateAsync(parts[1]);
        if (check.Identity is null)
        {
            var (title, description) = Describe(check.ErrorCode!, check.Detail!);
            await RejectAsync(http, title, description);
            return;
        }

        http.Request.Headers.Authorization = "Bearer " + parts[1];
        await next(http);
    }

    /// <summary>Flask-JWT's title and PyJWT's wording where one matches ours; our own detail otherwise.</summary>
    internal static (string Title, string Description) Describe(string code, string detail) => code switch
    {
        ErrorCodes.UserNotFound => ("Invalid JWT", "User does not exist"),
        ErrorCodes.ExpiredToken => ("Invalid token", "Signature has expired"),
        ErrorCodes.BadIssuer => ("Invalid token", "Invalid issuer"),
        ErrorCodes.BadAudience => ("Invalid token", "Invalid audience"),
        ErrorCodes.InvalidToken when detail.Contains("not valid yet", StringComparison.Ordinal) => ("Invalid token", "The token is not yet valid (nbf)"),
        ErrorCodes.InvalidToken when detail.EndsWith("is not valid.", StringComparison.Ordinal) => ("Invalid token", "Signature verification failed"),
        _ => ("Invalid token", detail),
    };

    private Task RejectAsync(HttpContext http, string title, string description)
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = $"{_options.HeaderPrefix} realm=\"{_options.Realm}\"";
        return FlaskJwtErrorWriter.Instance.WriteAsync(http, new ApiError(StatusCodes.Status401Unauthorized, title, description));
    }
}
