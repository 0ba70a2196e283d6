namespace SessionService.Api.Http;

/// <summary>The "Https" configuration section.</summary>
public sealed class HttpsOptions
{
    public const string Section = "Https";

    /// <summary>Redirect HTTP to HTTPS and send HSTS.</summary>
    public bool Enforce { get; set; }
}
