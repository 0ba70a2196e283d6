using SessionService.Api.Gateway.Verification;
using SessionService.Api.Http;
using SessionService.Api.OAuth;

namespace SessionService.Api.Apis.Reference;

/// <summary>What each stable code means, in a line: the detail of its example and its line in the response description.</summary>
public static class ErrorCodeMeanings
{
    public static readonly IReadOnlyDictionary<string, string> ByCode = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ErrorCodes.InvalidRequest] = "A field is missing, of the wrong type, repeated or out of range, or the body is not valid JSON.",
        [ErrorCodes.PayloadTooLarge] = "The request body is too large.",
        [ErrorCodes.HeadersTooLarge] = "The request headers are too large.",
        [ErrorCodes.UnsupportedMediaType] = "The body's content type is not one this endpoint reads.",
        [ErrorCodes.InvalidCredentials] = "The user name or password is wrong (an unknown user looks the same).",
        [ErrorCodes.AccountDisabled] = "This account is disabled.",
        [ErrorCodes.AccountLocked] = "Too many failed logins; the account is locked for now (see Retry-After).",
        [ErrorCodes.RateLimited] = "Too many requests from this client; try again after Retry-After.",
        [ErrorCodes.InvalidRefreshToken] = "The refresh token is malformed, unknown, or its session or user is gone.",
        [ErrorCodes.ExpiredRefreshToken] = "The refresh token has expired; log in again.",
        [ErrorCodes.ObsoleteRefreshToken] = "This refresh token was already used; its session has been revoked.",
        [ErrorCodes.NoAuthHeader] = "Send the token as 'Authorization: Bearer <token>'.",
        [ErrorCodes.InvalidToken] = "The token is malformed, its signature or algorithm is wrong, or a required claim is missing.",
        [ErrorCodes.ExpiredToken] = "The token has expired.",
        [ErrorCodes.BadIssuer] = "The token's issuer is not this service.",
        [ErrorCodes.BadAudience] = "The token is not meant for this audience.",
        [ErrorCodes.ObsoleteToken] = "The token's session was revoked (logout, revocation, password change, reuse, an admin).",
        [ErrorCodes.UserNotFound] = "The user does not exist (deleted, or disabled for a token).",
        [ErrorCodes.SessionNotFound] = "No session for that device.",
        [ErrorCodes.WeakPassword] = "The password does not meet the password policy.",
        [ErrorCodes.InvalidUsername] = "The user name does not meet the user name rules.",
        [ErrorCodes.UsernameTaken] = "That user name is taken.",
        [ErrorCodes.NumberTaken] = "That user number is taken.",
        [ErrorCodes.UnsupportedHash] = "The imported password hash is of a kind this service cannot verify.",
        [ErrorCodes.Forbidden] = "This needs the admin role.",
        [ErrorCodes.InsufficientScope] = "The service token lacks the scope this endpoint needs.",
        [ErrorCodes.CrossSiteRequest] = "A browser sent this from another site (Origin / Sec-Fetch-Site).",
        [ErrorCodes.NotFound] = "No such path.",
        [ErrorCodes.MethodNotAllowed] = "The path does not answer this method.",
        [ErrorCodes.RotationUnavailable] = "Signing keys come from configuration; rotate them there.",
        [ErrorCodes.ServiceUnavailable] = "A dependency (the cluster, storage, the claims hook) did not answer; try again after Retry-After.",
        [ErrorCodes.InternalError] = "Unexpected error.",
        [ErrorCodes.ConsumerExists] = "A consumer with that username or custom_id exists.",
        [ErrorCodes.ConsumerNotFound] = "No consumer with that id or username.",
        [ErrorCodes.CredentialExists] = "A credential with that key exists.",
        [ErrorCodes.CredentialNotFound] = "No credential with that id or key.",
        [ErrorCodes.WeakSecret] = "The secret is shorter than the algorithm's hash output.",
        [ErrorCodes.InvalidKey] = "The public key is missing or does not fit the algorithm.",
        [ErrorCodes.LoginDenied] = "The claims hook refused this login.",
        [ErrorCodes.InvalidRouteToken] = "The route token is malformed, unknown, revoked, or its issuer is gone.",
        [ErrorCodes.RouteMismatch] = "The method, path or a bound query value differs from the route token's.",
        [ErrorCodes.RouteTokenUsedUp] = "The route token has no uses left.",
        [ErrorCodes.RouteTokenNotFound] = "No route token with that id.",
        [GatewayCodes.NoToken] = KongMessages.NoToken,
        [GatewayCodes.MultipleTokens] = KongMessages.MultipleTokens,
        [GatewayCodes.MissingClaim] = KongMessages.MissingClaim("iss"),
        [GatewayCodes.NoCredentials] = KongMessages.NoCredentials("iss"),
        [GatewayCodes.InvalidAlgorithm] = KongMessages.InvalidAlgorithm,
        [GatewayCodes.InvalidSignature] = KongMessages.InvalidSignature,
        [GatewayCodes.InvalidClaim] = KongMessages.NotANumber("exp"),
        [GatewayCodes.TokenNotYetValid] = KongMessages.TokenNotValidYet,
        [GatewayCodes.ExpTooFar] = KongMessages.ExpTooFar,
        [OAuthErrors.InvalidClient] = "Client authentication failed.",
        [OAuthErrors.UnsupportedGrantType] = OAuthApi.SupportedGrantTypes,
    };

    public static string Of(string code) => ByCode.TryGetValue(code, out var meaning) ? meaning : code;
}
