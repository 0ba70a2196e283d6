using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using SessionService.Grains;
using SessionService.Grains.Keys;

namespace SessionService.Silo;

/// <summary>Where the key-encryption key comes from: <c>Auth:KeyEncryptionSecret</c>, else (embedded only) a local file.</summary>
public static class KeyEncryption
{
    public const string FileName = "key-encryption.key";

    public static KeyProtector CreateProtector(IConfiguration configuration)
    {
        if (configuration[$"{AuthOptions.Section}:{nameof(AuthOptions.KeyEncryptionSecret)}"] is { Length: > 0 } secret)
        {
            return KeyProtector.FromSecret(secret);
        }

        if (!SiloOptions.From(configuration).IsEmbedded)
        {
            throw new InvalidOperationException("Auth:KeyEncryptionSecret must be set (the same on every silo and API node) when Orleans:Mode is 'postgres'.");
        }

        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        return new KeyProtector(LoadOrCreateKeyFile(Path.Combine(storage.Path, FileName)));
    }

    private static byte[] LoadOrCreateKeyFile(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
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
