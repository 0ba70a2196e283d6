using SessionService.Api.Tokens;

namespace SessionService.Api.Http;

/// <summary>
/// Endpoint filters for "Bearer required" and "Bearer with role admin". The identity they establish is
/// read by handlers through <see cref="Identity"/>.
/// </summary>
public static class BearerAuth
{
    private static readonly object IdentityKey = new();

    public static AccessTokenIdentity Identity(this HttpContext http) =>
        (AccessTokenIdentity)http.Items[IdentityKey]!;

    public static TBuilder RequireBearer<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter((context, next) => CheckAsync(context, next, adminOnly: false));

    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter((context, next) => CheckAsync(context, next, adminOnly: true));

    /// <summary>The token of an <c>Authorization: Bearer</c> header, or null when there is none.</summary>
    public static string? BearerToken(this HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = value.AsSpan(7).Trim();
        return token.IsEmpty ? null : token.ToString();
    }

    public static async Task<TokenCheck> CheckBearerAsync(this HttpContext http)
    {
        if (http.Request.BearerToken() is not { } token)
        {
            return TokenCheck.Fail(ErrorCodes.NoAuthHeader, "Send the access token as 'Authorization: Bearer <token>'.");
        }

        return await http.RequestServices.GetRequiredService<AccessTokenValidator>().ValidateAsync(token);
    }

    private static async ValueTask<object?> CheckAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, bool adminOnly)
    {
        var http = context.HttpContext;
        var check = await http.CheckBearerAsync();
        if (check.Identity is not { } identity)
        {
            return Problems.TokenRejected(http, check.ErrorCode!, check.Detail!);
        }

        if (adminOnly && !identity.IsAdmin)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "This needs the admin role.");
        }

        http.Items[IdentityKey] = identity;
        return await next(context);
    }
}
