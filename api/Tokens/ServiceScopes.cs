namespace SessionService.Api.Tokens;

/// <summary>
/// The scopes of admin-issued service tokens: the ones this service honours, and the RFC 6749 §3.3 grammar every
/// scope (ours or a custom one for another service) must follow.
/// </summary>
public static class ServiceScopes
{
    /// <summary>May call <c>POST /oauth/introspect</c>.</summary>
    public const string Introspect = "introspect";

    /// <summary>May read <c>GET /revocations</c> and <c>GET /revocations/stream</c>.</summary>
    public const string RevocationsRead = "revocations:read";

    public const int MaxLength = 1024;

    /// <summary>
    /// The scope-tokens of a <c>scope</c> value (scope-tokens of printable ASCII other than space, <c>"</c> and
    /// <c>\</c>, separated by single spaces), or null when it does not follow the grammar.
    /// </summary>
    public static IReadOnlyList<string>? Parse(string value)
    {
        if (value.Length is 0 or > MaxLength)
        {
            return null;
        }

        var tokens = value.Split(' ');
        return tokens.All(IsScopeToken) ? tokens.Distinct(StringComparer.Ordinal).ToList() : null;
    }

    private static bool IsScopeToken(string token) =>
        token.Length > 0 && token.All(c => c is '!' or (>= '#' and <= '[') or (>= ']' and <= '~'));
}
