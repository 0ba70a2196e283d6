using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SessionService.Grains;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Tokens;

/// <summary>Signs access tokens (<c>typ: at+jwt</c>) for a device session the user grain has issued.</summary>
public sealed class AccessTokenIssuer(SigningKeys keys, IOptions<AuthOptions> options, [FromKeyedServices(SessionClock.Key)] TimeProvider clock)
{
    public const string TokenType = "at+jwt";
    public const string CustomTokenType = "JWT";
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly AuthOptions _auth = options.Value;
    private readonly KeyValuePair<string, object>[] _defaultClaims = [.. options.Value.DefaultClaims.Select(c => new KeyValuePair<string, object>(c.Key, c.Value))];

    /// <param name="extraClaims">Claims the claims hook added; never a reserved name (the hook's answer is checked).</param>
    /// <param name="lifetime">A shorter lifetime a compatibility surface asks for; never longer than Auth:AccessTokenLifetime
    /// (the revocation set keeps entries that long).</param>
    public (string Token, long ExpiresIn, long RefreshExpiresIn) Issue(
        IssuedSession session, IReadOnlyDictionary<string, System.Text.Json.JsonElement>? extraClaims = null, TimeSpan? lifetime = null)
    {
        var now = clock.GetUtcNow();
        var span = lifetime is { } asked && asked < _auth.AccessTokenLifetime ? asked : _auth.AccessTokenLifetime;
        // An access token never outlives its session, so an expired session needs no revocation entry.
        var expires = now + span < session.ExpiresAt ? now + span : session.ExpiresAt;
        var descriptor = new SecurityTokenDescriptor
        {
            TokenType = TokenType,
            Issuer = _auth.Issuer,
            Audience = _auth.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = keys.Signing,
            Claims = AccessTokenClaims.For(session, _defaultClaims),
        };
        foreach (var (name, value) in extraClaims ?? new Dictionary<string, System.Text.Json.JsonElement>())
        {
            descriptor.Claims[name] = value;
        }

        return (_handler.CreateToken(descriptor), (long)(expires - now).TotalSeconds, (long)(session.ExpiresAt - now).TotalSeconds);
    }

    /// <summary>
    /// A service token for given claims, signed with the active key (as CodeIgniter Shield's issue()).
    /// It is typed <c>JWT</c> and has no session, so it can never pass as a user's access token here.
    /// </summary>
    public (string Token, string KeyId) IssueCustom(string? subject, string audience, IReadOnlyDictionary<string, object> claims, TimeSpan lifetime)
    {
        var now = clock.GetUtcNow();
        var all = new Dictionary<string, object>(claims) { [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N") };
        if (subject is not null)
        {
            all[JwtRegisteredClaimNames.Sub] = subject;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            TokenType = CustomTokenType,
            Issuer = _auth.Issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = keys.Signing,
            Claims = all,
        };
        return (_handler.CreateToken(descriptor), keys.Signing.Key.KeyId);
    }
}
