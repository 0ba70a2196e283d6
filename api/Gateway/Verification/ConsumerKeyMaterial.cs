using System.Buffers;
using System.Buffers.Text;
using System.Text;
using SessionService.Grains.Keys;

namespace SessionService.Api.Gateway.Verification;

/// <summary>
/// Whether a JWT credential's secret or public key can verify its algorithm, checked when a credential
/// is created or imported (and again before a verifier is built from it).
/// </summary>
public static class ConsumerKeyMaterial
{
    /// <summary>
    /// Null when <paramref name="secret"/> (HS, already decoded) or <paramref name="publicKeyPem"/>
    /// (every other algorithm) fits <paramref name="algorithm"/>; else why not, for a person to read.
    /// </summary>
    public static string? Problem(string algorithm, byte[]? secret, string? publicKeyPem) =>
        JwsAlgorithms.Find(algorithm) is { } row
            ? Problem(row, secret, publicKeyPem, out _)
            : $"unknown algorithm '{algorithm}'";

    /// <summary>As the public overload, also handing back the public key read (null for HS or a problem).</summary>
    internal static string? Problem(JwsAlgorithm row, byte[]? secret, string? publicKeyPem, out ConsumerPublicKey? key)
    {
        key = null;
        if (row.Family == JwsAlgorithmFamily.Hmac)
        {
            return secret is null || secret.Length < row.MinSecretBytes
                ? $"{row.Name} needs a secret of at least {row.MinSecretBytes} bytes, this one has {secret?.Length ?? 0}"
                : null;
        }

        if (string.IsNullOrWhiteSpace(publicKeyPem))
        {
            return $"{row.Name} needs a public key in PEM (rsa_public_key)";
        }

        if (ConsumerPublicKey.Read(publicKeyPem, out var unreadable) is not { } read)
        {
            return unreadable;
        }

        var unfit = Unfit(row, read);
        key = unfit is null ? read : null;
        return unfit;
    }

    /// <summary>
    /// The bytes an HS secret stands for: its UTF-8 bytes, or with <c>Gateway:SecretIsBase64</c> its
    /// base64 decoding (see <see cref="DecodeBase64Secret"/>). Null when absent or not base64.
    /// </summary>
    public static byte[]? SecretBytes(string? secret, bool secretIsBase64) =>
        string.IsNullOrEmpty(secret) ? null
        : secretIsBase64 ? DecodeBase64Secret(secret)
        : Encoding.UTF8.GetBytes(secret);

    /// <summary>
    /// The bytes of a secret given as base64 (<c>Gateway:SecretIsBase64</c>): standard or URL-safe
    /// alphabet, padding optional. Null when it is not base64.
    /// </summary>
    public static byte[]? DecodeBase64Secret(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        // Base64Url decoding accepts both alphabets once '+' and '/' are mapped, and padding or none.
        var urlSafe = text.Trim().Replace('+', '-').Replace('/', '_');
        var bytes = new byte[Base64Url.GetMaxDecodedLength(urlSafe.Length)];
        return Base64Url.DecodeFromChars(urlSafe, bytes, out _, out var written) == OperationStatus.Done
            ? bytes[..written]
            : null;
    }

    private static string? Unfit(JwsAlgorithm row, ConsumerPublicKey key)
    {
        if (key.KeyType != row.KeyType || key.Curve != row.Curve)
        {
            var wanted = Describe(row.KeyType, row.Curve);
            return $"{row.Name} needs a{(wanted[0] is 'E' or 'R' ? "n" : "")} {wanted} public key, this one is {Describe(key.KeyType, key.Curve)}";
        }

        return row.IsRsa && key.RsaBits < row.KeyBits
            ? $"RSA keys need at least {row.KeyBits} bits, this one has {key.RsaBits}"
            : null;
    }

    private static string Describe(string keyType, string? curve) =>
        curve is null ? keyType : keyType == "OKP" ? curve : $"{keyType} {curve}";
}
