namespace SessionService.Api.Compat.FlaskJwt;

/// <summary>
/// The "Compat:FlaskJwt" section: the Flask-JWT compatibility surface (<c>POST /auth</c> and the
/// <c>Authorization: JWT &lt;token&gt;</c> prefix). Checked by <see cref="FlaskJwtOptionsValidator"/>.
/// </summary>
public sealed class FlaskJwtOptions
{
    public const string Section = "Compat:FlaskJwt";

    public bool Enabled { get; set; }

    /// <summary>JWT_AUTH_URL_RULE.</summary>
    public string AuthUrlRule { get; set; } = "/auth";

    /// <summary>JWT_AUTH_USERNAME_KEY.</summary>
    public string UsernameKey { get; set; } = "username";

    /// <summary>JWT_AUTH_PASSWORD_KEY.</summary>
    public string PasswordKey { get; set; } = "password";

    /// <summary>JWT_AUTH_HEADER_PREFIX.</summary>
    public string HeaderPrefix { get; set; } = "JWT";

    /// <summary>JWT_EXPIRATION_DELTA: the lifetime of tokens from <c>POST /auth</c> (capped by Auth:AccessTokenLifetime).</summary>
    public TimeSpan ExpirationDelta { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>JWT_DEFAULT_REALM.</summary>
    public string Realm { get; set; } = "Login Required";
}
