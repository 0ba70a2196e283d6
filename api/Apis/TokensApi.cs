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

        var (token, kid) = issuer.IssueCustom(subject, audience, claims, TimeSpan.FromSeconds(lifetime));
        http.NoStore();
        return TypedResults.Ok(new CustomTokenResponse(token, "Bearer", lifetime, kid));
    }
}

public sealed record CustomTokenRequest(string? Sub, string? Aud, long? ExpiresIn, JsonElement? Claims);

public sealed record CustomTokenResponse(string Token, string TokenType, long ExpiresIn, string Kid);
