namespace SessionService.Api.Compat.WordPress;

/// <summary>
/// The "Compat:WordPress" section: the WordPress JWT Auth plugin's surface (<c>/wp-json/jwt-auth/v1/...</c>).
/// Checked by <see cref="WordPressOptionsValidator"/>.
/// </summary>
public sealed class WordPressOptions
{
    public const string Section = "Compat:WordPress";

    public bool Enabled { get; set; }

    /// <summary>
    /// The WordPress site URL the clients were written against; the refresh cookie's path is its path plus
    /// <c>/</c>. When set it must equal Auth:Issuer (tokens carry that as <c>iss</c>, which /token/validate checks).
    /// </summary>
    public string? SiteUrl { get; set; }

    /// <summary>
    /// WordPress tells an unknown username or email apart from a wrong password (<c>invalid_username</c>,
    /// <c>invalid_email</c>). Off by default: both answer <c>incorrect_password</c>, so the surface cannot be
    /// used to find out who has an account.
    /// </summary>
    public bool RevealUnknownUsers { get; set; }
}
