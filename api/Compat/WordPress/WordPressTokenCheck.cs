using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SessionService.Api.Http;
using SessionService.Api.Tokens;
using SessionService.Grains;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Compat.WordPress;

/// <summary>
/// <c>/token/validate</c>'s checks in the plugin's order and words, over our access token verification:
/// the decoding failures as firebase/php-jwt names them, then <c>iss</c>, <c>data.user.id</c>, the user,
/// and "obsolete" for a revoked session, a blocked user or a changed password (the <c>pass</c> stamp).
/// </summary>
public sealed class WordPressTokenCheck(
    JwsVerifier<AccessTokenIdentity> verifier,
    AccessTokenSessionCheck sessionCheck,
    IGrainFactory grains,
    [FromKeyedServices(SessionClock.Key)] TimeProvider clock)
{
    /// <summary>What firebase/php-jwt knows; a known one that is not ours gets "Incorrect key for this algorithm".</summary>
    private static readonly HashSet<string> LibraryAlgorithms = ["ES384", "ES256", "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "EdDSA"];

    public const string InvalidTokenCode = WordPressCodes.InvalidToken;

    /// <summary>Null when the token is valid; else the 401's code and message.</summary>
    public async Task<(string Code, string Message)?> CheckAsync(string token)
    {
        var decoded = Decode(token);
        if (decoded.Failure is { } failure)
        {
            return (InvalidTokenCode, failure);
        }

        var claims = decoded.Claims;
        if (!verifier.Kind.Algorithms.Contains(decoded.Algorithm!))
        {
            return (InvalidTokenCode, "Incorrect key for this algorithm");
        }

        var verified = await verifier.VerifyAsync(token);
        var badIssuer = verified.Rejection?.Code == verifier.Kind.BadIssuerCode;
        if (verified.Rejection is not null && !badIssuer)
        {
            return (InvalidTokenCode, WordPressMessages.InvalidToken);
        }

        if (TimeFailure(claims) is { } early)
        {
            return (InvalidTokenCode, early);
        }

        if (badIssuer)
        {
            return (WordPressCodes.BadIssuer, WordPressMessages.BadIssuer);
        }

        if (UserNumberOf(claims) is not { } number)
        {
            return (WordPressCodes.BadRequest, WordPressMessages.NoUserId);
        }

        var identity = verified.Identity!;
        var holder = number > 0 ? await grains.Grain<IUserNumberGrain>(number).GetHolderAsync() : null;
        if (holder != identity.UserId || await grains.Grain<IUserGrain>(holder).GetProfileAsync() is not { } user)
        {
            return (InvalidTokenCode, "Invalid token");
        }

        var stamp = await grains.Grain<IUserGrain>(user.Id).GetSecurityStampAsync();
        if (sessionCheck.Check(identity) is not null || stamp is null || PassOf(claims) != stamp)
        {
            return (WordPressCodes.ObsoleteToken, WordPressMessages.ObsoleteToken);
        }

        return null;
    }

    private static (string? Failure, JsonElement Claims, string? Algorithm) Decode(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return ("Wrong number of segments", default, null);
        }

        if (ReadObject(parts[0]) is not { } header)
        {
            return ("Invalid header encoding", default, null);
        }

        if (ReadObject(parts[1]) is not { } claims)
        {
            return ("Invalid claims encoding", default, null);
        }

        if (!header.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() is not { Length: > 0 } algorithm)
        {
            return ("Empty algorithm", default, null);
        }

        return LibraryAlgorithms.Contains(algorithm) ? (null, claims, algorithm) : ("Algorithm not supported", default, null);
    }

    /// <summary>No leeway, as the plugin: not before <c>nbf</c> or <c>iat</c>, not at or after <c>exp</c>.</summary>
    private string? TimeFailure(JsonElement claims)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        foreach (var name in new[] { "nbf", "iat" })
        {
            if (Seconds(claims, name) is { } at && at > now)
            {
                return "Cannot handle token prior to " + DateTimeOffset.FromUnixTimeSeconds(at).ToString("yyyy-MM-dd'T'HH:mm:ss'+0000'", CultureInfo.InvariantCulture);
            }
        }

        return Seconds(claims, "exp") is { } exp && now >= exp ? "Expired token" : null;
    }

    private static long? Seconds(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds)
            ? (long)Math.Floor(seconds)
            : null;

    private static long? UserNumberOf(JsonElement claims) =>
        User(claims) is { } user && user.TryGetProperty("id", out var id) && id.ValueKind != JsonValueKind.Null
            ? id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var number) ? number
            : id.ValueKind == JsonValueKind.String && long.TryParse(id.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed
            : 0
            : null;

    private static string? PassOf(JsonElement claims) =>
        User(claims) is { } user && user.TryGetProperty("pass", out var pass) && pass.ValueKind == JsonValueKind.String ? pass.GetString() : null;

    private static JsonElement? User(JsonElement claims) =>
        claims.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
        && data.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.Object
            ? user
            : null;

    private static JsonElement? ReadObject(string segment)
    {
        try
        {
            var bytes = Base64Url.DecodeFromChars(segment);
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
