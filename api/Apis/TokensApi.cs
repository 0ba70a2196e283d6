using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SessionService.Api.Http;
using SessionService.Api.Tokens;
using SessionService.Grains;
using SessionService.Grains.Claims;

namespace SessionService.Api.Apis;

/// <summary>Admin-issued tokens for service-to-service use, signed with the active key.</summary>
public static class TokensApi
{
    public static readonly long MaxLifetimeSeconds = (long)AuthOptions.ServiceTokenMaxLifetime.TotalSeconds;

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
            var named = given.EnumerateObject().Select(c => new KeyValuePair<string, JsonElement>(c.Name, c.Value)).ToList();
            if (CustomClaims.SetProblem(named, CustomClaims.ServiceTokenReserved, CustomClaims.MaxSerializedBytes) is { } problem)
            {
                return Problems.BadRequest(ErrorCodes.InvalidRequest, $"{problem} Use the top-level sub/aud/expires_in fields for those.");
            }

            foreach (var (name, value) in named)
            {
                claims[name] = value.Clone();
            }
        }

        if (ReadScope(fields, claims) is { } scopeProblem)
        {
            return Problems.BadRequest(ErrorCodes.InvalidRequest, scopeProblem);
        }

        var (token, kid) = issuer.IssueCustom(subject, audience, claims, TimeSpan.FromSeconds(lifetime));
        http.NoStore();
        return TypedResults.Ok(new CustomTokenResponse(token, "Bearer", lifetime, kid, claims.GetValueOrDefault("scope") as string));
    }

    /// <summary>
    /// The token's <c>scope</c> claim, from the top-level <c>scope</c> field or (as before that field existed) a
    /// <c>scope</c> among the claims, never both; a space-separated list of RFC 6749 scope-tokens. Null, or why not.
    /// </summary>
    private static string? ReadScope(RequestFields fields, Dictionary<string, object> claims)
    {
        var given = fields.OptionalString("scope", ServiceScopes.MaxLength);
        if (claims.TryGetValue("scope", out var claimed))
        {
            if (given is not null)
            {
                return "Give the scope once: the top-level 'scope' field or a 'scope' claim, not both.";
            }

            if (claimed is not JsonElement { ValueKind: JsonValueKind.String } text)
            {
                return "The 'scope' claim must be a string of space-separated scopes.";
            }

            given = text.GetString()!;
        }

        if (given is null)
        {
            return null;
        }

        if (ServiceScopes.Parse(given) is null)
        {
            return $"'scope' must be space-separated RFC 6749 scope-tokens (printable ASCII without '\"' or '\\', single spaces, at most {ServiceScopes.MaxLength} characters).";
        }

        claims["scope"] = given;
        return null;
    }
}

public sealed record CustomTokenRequest(string? Sub, string? Aud, long? ExpiresIn, JsonElement? Claims, string? Scope);

/// <summary><see cref="Scope"/> is the token's scope claim, absent when it has none.</summary>
public sealed record CustomTokenResponse(
    string Token, string TokenType, long ExpiresIn, string Kid,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Scope);
