namespace SessionService.Grains;

/// <summary>
/// The "Auth" configuration section. Grains (rotation, expiry, lockout) and API nodes (token issuing
/// and validation) read the same section, so every process of a deployment must get the same values.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public string Issuer { get; set; } = "session-service";
    public string Audience { get; set; } = "session-service-api";

    /// <summary>
    /// The default <c>aud</c> of admin-issued service tokens; must differ from <see cref="Audience"/>, so an API
    /// that accepts this service's access tokens does not take a service token for one.
    /// </summary>
    public string ServiceTokenAudience { get; set; } = "session-service-service-tokens";

    /// <summary>The longest a service token may live (<c>POST /admin/tokens</c>'s <c>expires_in</c>).</summary>
    public static readonly TimeSpan ServiceTokenMaxLifetime = TimeSpan.FromDays(1);
    /// <summary>ES256 unless set; HS256 when only <see cref="Secret"/> is set.</summary>
    public string? SigningAlgorithm { get; set; }

    /// <summary>Shared secret for HS256/384/512; at least as many bytes as the hash output.</summary>
    public string? Secret { get; set; }

    /// <summary>
    /// PEM private keys managed by the operator instead of the key ring: the first signs, the others
    /// only verify (keep a replaced key listed until its tokens have expired).
    /// </summary>
    public string[] SigningKeyFiles { get; set; } = [];

    /// <summary>
    /// Encrypts the key ring's private keys at rest; required in cluster mode (same value on every silo
    /// and API node). The embedded mode keeps a random one in a file under Storage:Path when unset.
    /// </summary>
    public string? KeyEncryptionSecret { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Hard cap on a device session however often it refreshes.</summary>
    public TimeSpan SessionAbsoluteLifetime { get; set; } = TimeSpan.FromDays(90);

    public TimeSpan RefreshReuseGrace { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
    public bool RefreshCookieSecure { get; set; } = true;
    public int MaxSessionsPerUser { get; set; } = 20;

    public int LockoutThreshold { get; set; } = 5;
    public TimeSpan LockoutBaseDuration { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan LockoutMaxDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A failed login (wrong password, unknown name, lockout) is answered no sooner than this after it
    /// arrived, so its answer time says nothing about which it was. Longer than a password check.
    /// </summary>
    public TimeSpan FailedLoginMinimumDuration { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A signing key older than this is replaced (checked whenever API nodes sync, every 30 s).</summary>
    public TimeSpan KeyRotationInterval { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Claims copied into every access token (name → text value), e.g. <c>Auth__DefaultClaims__tenant=acme</c>;
    /// a user's own custom claim of the same name overrides one. Reserved names are refused at start-up.
    /// </summary>
    public Dictionary<string, string> DefaultClaims { get; set; } = new(StringComparer.Ordinal);

    public LoginAttemptLogMode LoginAttemptLog { get; set; } = LoginAttemptLogMode.Failures;
    public int LoginAttemptsKept { get; set; } = 20;

    public string EffectiveAlgorithm => SigningAlgorithm ?? (Secret is null ? "ES256" : "HS256");

    public bool UsesSharedSecret => EffectiveAlgorithm.StartsWith("HS", StringComparison.Ordinal);

    public bool UsesKeyFiles => SigningKeyFiles.Length > 0;

    /// <summary>How long a revocation must be remembered: until no access token it matches can be alive.</summary>
    public TimeSpan RevocationRetention => AccessTokenLifetime + ClockSkew;

    /// <summary>How long a retired signing key stays published: until no token it signed, access or service, can be alive.</summary>
    public TimeSpan RetiredKeyRetention =>
        (AccessTokenLifetime > ServiceTokenMaxLifetime ? AccessTokenLifetime : ServiceTokenMaxLifetime) + ClockSkew;
}

public enum LoginAttemptLogMode
{
    None,
    Failures,
    All,
}
