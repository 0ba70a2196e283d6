namespace SessionService.Api.Http;

/// <summary>The "Cors" configuration section. Checked by <see cref="CrossOriginOptionsValidator"/>.</summary>
public sealed class CrossOriginOptions
{
    public const string Section = "Cors";

    /// <summary>Origins allowed to call with credentials; empty (the default) turns CORS off.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}
