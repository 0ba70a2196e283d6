namespace SessionService.Silo;

/// <summary>The "Orleans" configuration section: cluster identity and ports of this silo.</summary>
public sealed class SiloOptions
{
    public const string Section = "Orleans";

    public string ClusterId { get; set; } = "session-service";
    public string ServiceId { get; set; } = "session-service";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
}

/// <summary>The "Storage" configuration section of the embedded mode.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string Path { get; set; } = "./data";
}
