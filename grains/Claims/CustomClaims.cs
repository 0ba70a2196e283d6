using System.Globalization;
using System.Text.Json;

namespace SessionService.Grains.Claims;

/// <summary>
/// The one rule for claims a caller or an operator may put into a token: per-user claims, <c>Auth:DefaultClaims</c>
/// and the claims of admin-issued service tokens. Reserved names are compared ignoring case, as some consumers do.
/// </summary>
public static class CustomClaims
{
    public const int MaxClaims = 32;
    public const int MaxNameLength = 64;

    /// <summary>The bound on a service token's claims as a JSON object (bytes).</summary>
    public const int MaxSerializedBytes = 4096;

    /// <summary>
    /// The bound on what an access token carries from <c>Auth:DefaultClaims</c> and the user's claims together: with
    /// every other field at its largest (roles, profile, an RSA-4096 signature) the token stays under the verifier's
    /// and common proxies' 8 KiB (<c>LargestAccessTokenTests</c>).
    /// </summary>
    public const int MaxAccessTokenBytes = 2048;

    /// <summary>Set by the service in every token it signs: a caller's value would let a token lie about its origin or age.</summary>
    public static readonly IReadOnlySet<string> ServiceTokenReserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "iss", "aud", "sub", "exp", "nbf", "iat", "jti", "sid", "typ", "cnf", "preferred_username", "roles",
    };

    /// <summary>
    /// Also refused in access tokens: what OAuth and OpenID Connect give a meaning (a resource server could take a
    /// custom <c>scope</c> or <c>azp</c> as a grant) and the profile claims the service itself fills in.
    /// </summary>
    public static readonly IReadOnlySet<string> AccessTokenReserved = new HashSet<string>(
        ServiceTokenReserved.Concat(
        [
            "azp", "scope", "client_id", "auth_time", "nonce", "acr", "amr",
            ProfileClaims.Number, ProfileClaims.Email, ProfileClaims.DisplayName, ProfileClaims.FirstName, ProfileClaims.LastName,
        ]),
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Why <paramref name="name"/> cannot be a claim, or null when it can.</summary>
    public static string? NameProblem(string name, IReadOnlySet<string> reserved)
    {
        if (name.Length is 0 or > MaxNameLength || HasHidden(name))
        {
            return $"Claim '{name}' is not a valid name: 1 to {MaxNameLength} visible characters.";
        }

        return reserved.Contains(name) ? $"Claim '{name}' is reserved: the service sets it." : null;
    }

    /// <summary>Why the set of claims cannot be used, or null when it can: the first bad name, the count, then the size.</summary>
    public static string? SetProblem(IReadOnlyCollection<KeyValuePair<string, JsonElement>> claims, IReadOnlySet<string> reserved, int maxBytes)
    {
        foreach (var (name, _) in claims)
        {
            if (NameProblem(name, reserved) is { } problem)
            {
                return problem;
            }
        }

        if (claims.Count > MaxClaims)
        {
            return $"At most {MaxClaims} claims.";
        }

        return SerializedBytes(claims) > maxBytes ? $"The claims take more than {maxBytes} bytes as JSON." : null;
    }

    /// <summary>
    /// Why a user's claims cannot go into access tokens beside <paramref name="defaults"/> (which they override), or null.
    /// </summary>
    public static string? AccessTokenProblem(IReadOnlyCollection<KeyValuePair<string, JsonElement>> userClaims, IReadOnlyDictionary<string, string> defaults)
    {
        if (SetProblem(userClaims, AccessTokenReserved, MaxAccessTokenBytes) is { } problem)
        {
            return problem;
        }

        var merged = defaults.ToDictionary(d => d.Key, d => JsonSerializer.SerializeToElement(d.Value), StringComparer.Ordinal);
        foreach (var (name, value) in userClaims)
        {
            merged[name] = value;
        }

        return SerializedBytes(merged) > MaxAccessTokenBytes
            ? $"The claims take more than {MaxAccessTokenBytes} bytes as JSON together with Auth:DefaultClaims."
            : null;
    }

    public static int SerializedBytes(IEnumerable<KeyValuePair<string, JsonElement>> claims)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in claims)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return (int)buffer.Length;
    }

    private static bool HasHidden(string value) =>
        value.Any(c => char.IsControl(c) || char.IsSurrogate(c)
            || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
}

/// <summary>The access-token claims that carry a user's profile fields.</summary>
public static class ProfileClaims
{
    public const string Number = "number";
    public const string Email = "email";
    public const string DisplayName = "display_name";
    public const string FirstName = "first_name";
    public const string LastName = "last_name";
}
