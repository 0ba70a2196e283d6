namespace SessionService.Grains;

public static class StorageNames
{
    /// <summary>The grain storage provider every grain of the service persists to.</summary>
    public const string Sessions = "sessions";
}
