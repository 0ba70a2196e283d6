using System.Security.Cryptography;
using SessionService.Grains;
using SessionService.Grains.Keys;

namespace SessionService.Silo;

/// <summary>
/// Where the key-encryption key comes from: <c>Auth:KeyEncryptionSecret</c>, else (embedded mode; cluster
/// mode refuses to start without the secret, see <see cref="KeyEncryptionValidator"/>) a file under <c>Storage:Path</c>.
/// </summary>
public static class KeyEncryption
{
    public const string FileName = "key-encryption.key";

    /// <summary>The key file used when no secret is configured; null when the secret is.</summary>
    public static string? KeyFilePath(AuthOptions auth, StorageOptions storage) =>
        auth.KeyEncryptionSecret is { Length: > 0 } ? null : Path.GetFullPath(Path.Combine(storage.Path, FileName));

    public static KeyProtector CreateProtector(AuthOptions auth, StorageOptions storage) =>
        auth.KeyEncryptionSecret is { Length: > 0 } secret
            ? KeyProtector.FromSecret(secret)
            : new KeyProtector(LoadOrCreateKeyFile(KeyFilePath(auth, storage)!));

    private static byte[] LoadOrCreateKeyFile(string path)
    {
        PrivateFiles.Restrict(path);
        if (!File.Exists(path))
        {
            PrivateFiles.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var file = new FileStream(path, options);
                file.Write(RandomNumberGenerator.GetBytes(32));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; use theirs.
            }
        }

        var key = File.ReadAllBytes(path);
        return key.Length == 32 ? key : throw new InvalidOperationException($"{path} must hold exactly 32 bytes.");
    }
}
