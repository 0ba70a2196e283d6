namespace SessionService.Silo;

/// <summary>The "Storage" configuration section of the embedded mode. Checked and completed by <see cref="StorageOptionsValidator"/>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The data directory; made absolute (against the working directory) when the options are built.</summary>
    public string Path { get; set; } = "./data";
}
