using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Extensions.Options;
using SessionService.Api.Http;
using SessionService.Api.Tokens;
using SessionService.Grains;
using SessionService.Grains.Keys;

namespace SessionService.Api.Apis;

/// <summary>
/// JWKS and discovery (OpenID Connect discovery, and the same document as RFC 8414 authorization server metadata),
/// so other services verify our access tokens without calling us and OAuth clients find the endpoints.
/// </summary>
public static class DiscoveryApi
{
    public static RouteGroupBuilder MapDiscoveryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/.well-known").WithTags("Discovery");
        group.MapGet("/jwks.json", Jwks);
        group.MapGet("/openid-configuration", Configuration);
        group.MapGet("/oauth-authorization-server", Configuration);
        return group;
    }

    public static Ok<Dictionary<string, object>> Jwks(HttpContext http, SigningKeys keys)
    {
        http.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Ok(new Dictionary<string, object> { ["keys"] = keys.PublicKeys.Select(ToJwk).ToArray() });
    }

    public static Ok<Dictionary<string, object>> Configuration(HttpContext http, IOptions<AuthOptions> options)
    {
        var baseUrl = PublicBaseUrl.Of(http);
        return TypedResults.Ok(new Dictionary<string, object>
        {
            ["issuer"] = options.Value.Issuer,
            ["jwks_uri"] = baseUrl + "/.well-known/jwks.json",
            ["token_endpoint"] = baseUrl + "/oauth/token",
            ["revocation_endpoint"] = baseUrl + "/oauth/revoke",
            ["introspection_endpoint"] = baseUrl + "/oauth/introspect",
            ["grant_types_supported"] = new[] { "password", "refresh_token" },
            ["id_token_signing_alg_values_supported"] = new[] { options.Value.EffectiveAlgorithm },
            ["token_endpoint_auth_methods_supported"] = new[] { "none" },
            ["revocation_endpoint_auth_methods_supported"] = new[] { "none" },
        });
    }

    private static Dictionary<string, string> ToJwk(PublishedKey key)
    {
        var row = JwsAlgorithms.Get(key.Algorithm);
        var jwk = new Dictionary<string, string> { ["kid"] = key.KeyId, ["alg"] = key.Algorithm, ["use"] = "sig" };
        switch (key.PublicKey)
        {
            case ECDsa ec:
                var p = ec.ExportParameters(includePrivateParameters: false);
                jwk["kty"] = row.KeyType;
                jwk["crv"] = row.Curve!;
                jwk["x"] = Base64UrlEncoder.Encode(p.Q.X);
                jwk["y"] = Base64UrlEncoder.Encode(p.Q.Y);
                break;
            case RSA rsa:
                var r = rsa.ExportParameters(includePrivateParameters: false);
                jwk["kty"] = row.KeyType;
                jwk["n"] = Base64UrlEncoder.Encode(r.Modulus);
                jwk["e"] = Base64UrlEncoder.Encode(r.Exponent);
                break;
        }

        return jwk;
    }
}
