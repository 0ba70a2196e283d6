namespace SessionService.Grains.Contracts;

/// <summary>
/// Grain storage failed (disk full, database down, I/O error). It replaces the provider's own exception
/// on its way to callers: those types (Npgsql's, SQLite's) have no Orleans codec, and a caller must be
/// able to tell "try again" from a bug. The original is logged where it happened, not sent.
/// </summary>
[GenerateSerializer, Alias("StorageUnavailableException")]
public sealed class StorageUnavailableException : OrleansException
{
    public StorageUnavailableException(string message)
        : base(message)
    {
    }
}
