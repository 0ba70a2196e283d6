using SessionService.Api.Compat.WordPress;
using SessionService.Api.Gateway.Verification;
using SessionService.Api.OAuth;
using static SessionService.Api.Http.ErrorCodes;

namespace SessionService.Api.Apis.Reference;

/// <summary>
/// The one table of the error codes each operation can answer ("METHOD /path" as the OpenAPI document names
/// it), from the contract and, where it is silent, the endpoint's code. <see cref="OperationReferenceTransformer"/>
/// writes them into the document with an example of each, in the envelope the endpoint really answers in.
/// Every operation can also answer 431 <c>headers_too_large</c> (<see cref="Everywhere"/>).
/// </summary>
public static class EndpointErrors
{
    public static readonly DocumentedError[] Everywhere = [E(431, HeadersTooLarge)];

    private static readonly DocumentedError[] Body = [E(400, InvalidRequest), E(413, PayloadTooLarge), E(415, UnsupportedMediaType)];
    private static readonly DocumentedError[] Cluster = [E(503, ServiceUnavailable)];
    private static readonly DocumentedError[] TokenChecks = [E(401, NoAuthHeader), E(401, InvalidToken), E(401, ExpiredToken), E(401, BadIssuer), E(401, BadAudience)];

    /// <summary>The <c>AccessToken</c> scheme's refusals (<c>AccessTokenPolicies.Bearer</c>).</summary>
    private static readonly DocumentedError[] Bearer = [.. TokenChecks, E(401, ObsoleteToken), E(401, UserNotFound)];

    /// <summary><c>AccessTokenPolicies.Admin</c>: a valid access token without the admin role is 403.</summary>
    private static readonly DocumentedError[] Admin = [.. Bearer, E(403, Forbidden)];

    /// <summary>A service token's refusals (<c>RequireScope</c>).</summary>
    private static readonly DocumentedError[] ServiceToken = [.. TokenChecks, E(403, InsufficientScope)];

    /// <summary>The token endpoints: per-client rate limit and the cross-site login check.</summary>
    private static readonly DocumentedError[] TokenEndpoint = [E(403, CrossSiteRequest), E(429, RateLimited)];

    private static readonly DocumentedError[] UserById = [.. Admin, E(404, UserNotFound), .. Cluster];
    private static readonly DocumentedError[] RouteUse =
        [E(400, InvalidRequest), E(401, InvalidRouteToken), E(401, ExpiredToken), E(403, RouteMismatch), E(410, RouteTokenUsedUp), .. Cluster];

    private static readonly DocumentedError[] GatewayVerify =
    [
        E(401, GatewayCodes.NoToken), E(401, GatewayCodes.MultipleTokens), E(401, GatewayCodes.InvalidToken), E(401, GatewayCodes.MissingClaim),
        E(401, GatewayCodes.NoCredentials), E(401, GatewayCodes.InvalidAlgorithm), E(401, GatewayCodes.InvalidSignature),
        E(401, GatewayCodes.InvalidClaim), E(401, GatewayCodes.ExpiredToken), E(401, GatewayCodes.TokenNotYetValid), E(401, GatewayCodes.ExpTooFar),
        // With Gateway:AcceptAccessTokens, this service's own access tokens are checked in full.
        E(401, BadIssuer), E(401, BadAudience), E(401, ObsoleteToken), E(401, UserNotFound),
    ];

    private static readonly DocumentedError[] RefusedGrants =
    [
        E(400, InvalidCredentials), E(400, AccountDisabled), E(400, AccountLocked), E(400, LoginDenied),
        E(400, InvalidRefreshToken), E(400, ExpiredRefreshToken), E(400, ObsoleteRefreshToken),
    ];

    /// <summary>The WordPress JWT Auth plugin's refusals of a refresh-token cookie, in its wording.</summary>
    private static readonly DocumentedError[] WordPressRefreshRefused =
    [
        E(401, WordPressCodes.ObsoleteRefreshToken, WordPressMessages.ObsoleteRefreshToken), E(401, WordPressCodes.ExpiredRefreshToken, WordPressMessages.ExpiredRefreshToken),
        E(401, WordPressCodes.InvalidRefreshToken, WordPressMessages.InvalidRefreshToken),
    ];

    private static readonly DocumentedError[] WordPressTokenEndpoint =
        [E(400, WordPressCodes.RestInvalidJson, WordPressMessages.InvalidJson), E(413, PayloadTooLarge), .. TokenEndpoint, .. Cluster];

    public static readonly IReadOnlyDictionary<string, DocumentedError[]> ByOperation = new Dictionary<string, DocumentedError[]>(StringComparer.Ordinal)
    {
        ["POST /auth/token"] = [.. Body, E(401, InvalidCredentials), E(403, AccountDisabled), E(403, LoginDenied), E(423, AccountLocked), .. TokenEndpoint, .. Cluster],
        ["POST /auth/refresh"] = [.. Body, E(401, InvalidRefreshToken), E(401, ExpiredRefreshToken), E(401, ObsoleteRefreshToken), E(403, LoginDenied), .. TokenEndpoint, .. Cluster],
        ["GET /auth/validate"] = Bearer,
        ["POST /auth/validate"] = Bearer,
        ["POST /auth/logout"] = [.. Body, E(403, CrossSiteRequest), .. Cluster],
        ["POST /auth/password"] = [.. Bearer, .. Body, E(400, WeakPassword), E(401, InvalidCredentials), E(423, AccountLocked), .. Cluster],

        ["GET /auth/sessions"] = [.. Bearer, .. Cluster],
        ["DELETE /auth/sessions"] = [.. Bearer, E(400, InvalidRequest), .. Cluster],
        ["DELETE /auth/sessions/{device}"] = [.. Bearer, E(404, SessionNotFound), .. Cluster],

        ["POST /users"] = [.. Admin, .. Body, E(400, InvalidUsername), E(400, WeakPassword), E(409, UsernameTaken), E(409, NumberTaken), .. Cluster],
        ["GET /users"] = [.. Admin, E(400, InvalidRequest), .. Cluster],
        ["GET /users/{id}"] = UserById,
        ["PATCH /users/{id}"] = [.. Body, .. UserById],
        ["DELETE /users/{id}"] = UserById,
        ["POST /users/{id}/disable"] = UserById,
        ["POST /users/{id}/enable"] = UserById,
        ["GET /users/{id}/login-attempts"] = UserById,
        ["GET /users/{id}/sessions"] = UserById,
        ["DELETE /users/{id}/sessions"] = UserById,
        ["POST /admin/import/wordpress"] =
            [.. Admin, .. Body, E(400, InvalidUsername), E(400, UnsupportedHash), E(409, UsernameTaken), E(409, NumberTaken), .. Cluster],

        ["POST /admin/keys/rotate"] = [.. Admin, E(409, RotationUnavailable), .. Cluster],
        ["POST /admin/tokens"] = [.. Admin, .. Body],

        ["GET /.well-known/jwks.json"] = Cluster,
        ["GET /.well-known/openid-configuration"] = [],
        ["GET /.well-known/oauth-authorization-server"] = [],

        ["GET /revocations"] = [.. ServiceToken, E(400, InvalidRequest)],
        ["GET /revocations/stream"] = [.. ServiceToken, E(400, InvalidRequest), .. Cluster],

        // RFC 6749 §5.2's envelope: OAuth's own codes as error, a refused grant as invalid_grant with ours in code.
        ["POST /oauth/token"] =
        [
            .. Body, E(400, OAuthErrors.UnsupportedGrantType), .. RefusedGrants, E(401, OAuthErrors.InvalidClient),
            E(429, RateLimited), .. Cluster,
        ],
        ["POST /oauth/revoke"] = [.. Body, E(401, OAuthErrors.InvalidClient), .. Cluster],
        ["POST /oauth/introspect"] = [.. Body, .. ServiceToken],

        ["POST /admin/consumers"] = [.. Admin, .. Body, E(409, ConsumerExists), .. Cluster],
        ["GET /admin/consumers"] = [.. Admin, E(400, InvalidRequest), .. Cluster],
        ["POST /admin/consumers/import"] = [.. Admin, .. Body, E(400, WeakSecret), E(400, InvalidKey), .. Cluster],
        ["GET /admin/consumers/{consumer}"] = [.. Admin, E(404, ConsumerNotFound), .. Cluster],
        ["DELETE /admin/consumers/{consumer}"] = [.. Admin, E(404, ConsumerNotFound), .. Cluster],
        ["POST /admin/consumers/{consumer}/jwt"] =
            [.. Admin, .. Body, E(400, WeakSecret), E(400, InvalidKey), E(404, ConsumerNotFound), E(409, CredentialExists), .. Cluster],
        ["GET /admin/consumers/{consumer}/jwt"] = [.. Admin, E(404, ConsumerNotFound), .. Cluster],
        ["DELETE /admin/consumers/{consumer}/jwt/{credential}"] = [.. Admin, E(404, ConsumerNotFound), E(404, CredentialNotFound), .. Cluster],
        ["GET /gateway/verify"] = GatewayVerify,
        ["POST /gateway/verify"] = GatewayVerify,

        ["POST /routes"] = [.. Bearer, .. Body, .. Cluster],
        ["GET /routes"] = [.. Bearer, .. Cluster],
        ["GET /routes/{id}"] = [.. Bearer, E(404, RouteTokenNotFound), .. Cluster],
        ["DELETE /routes/{id}"] = [.. Bearer, E(404, RouteTokenNotFound), .. Cluster],
        ["GET /routes/claim"] = RouteUse,
        ["GET /routes/verify"] = RouteUse,

        ["POST /dashboard/session"] = Admin,
        ["DELETE /dashboard/session"] = [],

        // The compatibility surfaces (Compat:WordPress, Compat:FlaskJwt at its default path), in their originals' envelopes.
        ["POST /wp-json/jwt-auth/v1/token"] =
        [
            E(401, WordPressCodes.MissingCredentials, WordPressMessages.MissingCredentials),
            E(401, WordPressCodes.CustomAuthFailed, WordPressMessages.CustomAuthFailed),
            E(401, WordPressCodes.EmptyUsername, WordPressMessages.EmptyUsername),
            E(401, WordPressCodes.EmptyPassword, WordPressMessages.EmptyPassword),
            E(401, WordPressCodes.InvalidUsername, WordPressMessages.InvalidUsername("alice")),
            E(401, WordPressCodes.InvalidEmail, WordPressMessages.InvalidEmail),
            E(401, WordPressCodes.IncorrectPassword, WordPressMessages.IncorrectPassword("alice")),
            E(401, AccountDisabled), E(401, AccountLocked), E(401, LoginDenied), .. WordPressRefreshRefused, .. WordPressTokenEndpoint,
        ],
        ["POST /wp-json/jwt-auth/v1/token/validate"] =
        [
            E(401, WordPressCodes.NoAuthHeader, WordPressMessages.NoAuthHeader), E(401, WordPressCodes.BadAuthHeader, WordPressMessages.BadAuthHeader),
            E(401, WordPressCodes.InvalidToken, WordPressMessages.InvalidToken), E(401, WordPressCodes.BadIssuer, WordPressMessages.BadIssuer),
            E(401, WordPressCodes.BadRequest, WordPressMessages.NoUserId), E(401, WordPressCodes.ObsoleteToken, WordPressMessages.ObsoleteToken),
        ],
        ["POST /wp-json/jwt-auth/v1/token/refresh"] =
            [E(401, WordPressCodes.NoAuthCookie, "Refresh token cookie not found."), .. WordPressRefreshRefused, .. WordPressTokenEndpoint],
        ["POST /auth"] =
        [
            E(401, FlaskJwtApi.BadRequest, FlaskJwtApi.InvalidCredentials), E(403, AccountDisabled), E(403, LoginDenied),
            E(423, AccountLocked), .. TokenEndpoint, .. Cluster,
        ],

        ["GET /health/live"] = [],
        ["GET /health/ready"] = [],
        ["GET /metrics"] = Admin,
    };

    private static DocumentedError E(int status, string code, string? detail = null) => new(status, code, detail);
}
