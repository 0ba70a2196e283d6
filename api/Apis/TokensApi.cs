using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SessionService.Api.Http;
using SessionService.Api.Tokens;
using SessionService.Grains;

namespace SessionService.Api.Apis;

/// <summary>Admin-issued tokens for service-to-service use, signed with the active key.</summary>
public static class TokensApi
{
    public const int MaxClaims = 32;
    public static readonly long MaxLifetimeSeconds = (long)AuthOptions.ServiceTokenMaxLifetime.TotalSeconds;

    /// <summary>
    /// Set by the service only: caller-supplied values would let a token lie about its origin or age, or dress it up
    /// as a user's access token (every claim an access token carries). Compared ignoring case, as some consumers do.
    /// </summary>
    public static readonly IReadOnlySet<string> ReservedClaims = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "iss", "aud", "sub", "exp", "nbf", "iat", "jti", "sid", "typ", "cnf", "preferred_username", "roles",
    };

    public static RouteGroupBuilder MapTokensApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/tokens").WithTags("Service tokens").RequireAuthorization(AccessTokenPolicies.Admin);
        group.MapPost("", IssueAsync).Accepts<CustomTokenRequest>("application/json");
        return group;
    }

    public static async Task<Results<Ok<CustomTokenResponse>, ProblemHttpResult>> IssueAsync(
        HttpContext http, AccessTokenIssuer issuer, IOptions<AuthOptions> options, CancellationToken cancellationToken)
    {
        var fields = await RequestFields.ReadAsync(http.Request, cancellationToken);
        var lifetime = fields.OptionalInteger("expires_in", 1, MaxLifetimeSeconds) ?? 300;
        var subject = fields.OptionalString("sub", 256);
        var audience = fields.OptionalString("aud", 256) ?? options.Value.ServiceTokenAudience;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        if (fields.OptionalObject("claims") is { } given)
        {
            foreach (var claim in given.EnumerateObject())
            {
                if (ReservedClaims.Contains(claim.Name) || claim.Name.Length is 0 or > 64)
                {
                    return Problems.BadRequest(ErrorCodes.InvalidRequest, $"Claim '{claim.Name}' is reserved or not a valid name; use the top-level sub/aud/expires_in fields.");
                }

                claims[claim.Name] = claim.Value.Clone();
            }
        }

        if (claims.Count > MaxClaims)
        {
            return Problems.BadRequest(ErrorCodes.InvalidRequest, $"At most {MaxClaims} claims.");
        }

        var (token, kid) = issuer.IssueCustom(subject, audience, claims, TimeSpan.FromSeconds(lifetime));
        http.NoStore();
        return TypedResults.Ok(new CustomTokenResponse(token, "Bearer", lifetime, kid));
    }
}

public sealed record CustomTokenRequest(string? Sub, string? Aud, long? ExpiresIn, JsonElement? Claims);

public sealed record CustomTokenResponse(string Token, string TokenType, long ExpiresIn, string Kid);
