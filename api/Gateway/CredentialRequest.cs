using System.Security.Cryptography;
using SessionService.Api.Gateway.Verification;
using SessionService.Api.Http;
using SessionService.Grains.Contracts;
using SessionService.Grains.Keys;

namespace SessionService.Api.Gateway;

/// <summary>A credential as given to the admin API or in a decK file, checked and turned into what the directory stores.</summary>
public sealed record CredentialRequest(string? Key, string? Algorithm, string? Secret, string? PublicKeyPem)
{
    public const int MaxKeyLength = 256;
    public const string DefaultAlgorithm = "HS256";

    /// <summary>
    /// The credential to store and the secret to show once (generated when absent), or the refusal:
    /// unknown algorithm or bad key text <c>invalid_request</c>, a short secret <c>weak_secret</c>, an
    /// unusable public key <c>invalid_key</c>. Kong gives every credential a secret, so one sent with an
    /// asymmetric algorithm (as decK exports carry) is ignored.
    /// </summary>
    public Prepared Prepare(bool secretIsBase64)
    {
        if (Key is not null && (Key.Length is 0 or > MaxKeyLength || ClientText.HasHidden(Key)))
        {
            return Prepared.Refused(ErrorCodes.InvalidRequest, $"The key must be 1 to {MaxKeyLength} visible characters.");
        }

        var name = Algorithm ?? DefaultAlgorithm;
        if (JwsAlgorithms.Find(name) is not { } algorithm)
        {
            return Prepared.Refused(ErrorCodes.InvalidRequest, $"The algorithm must be one of {string.Join(", ", JwsAlgorithms.All.Select(a => a.Name))}.");
        }

        if (algorithm.Family != JwsAlgorithmFamily.Hmac)
        {
            return ConsumerKeyMaterial.Problem(name, null, PublicKeyPem) is { } unfit
                ? Prepared.Refused(ErrorCodes.InvalidKey, unfit)
                : Prepared.Accepted(new NewCredential(Key, name, null, PublicKeyPem), null);
        }

        if (PublicKeyPem is not null)
        {
            return Prepared.Refused(ErrorCodes.InvalidRequest, $"{name} uses a shared secret, not rsa_public_key.");
        }

        var shown = Secret ?? NewSecret(algorithm.MinSecretBytes, secretIsBase64);
        var bytes = ConsumerKeyMaterial.SecretBytes(shown, secretIsBase64);
        if (bytes is null)
        {
            return Prepared.Refused(ErrorCodes.InvalidRequest, "The secret is not valid base64 (Gateway:SecretIsBase64 is on).");
        }

        return ConsumerKeyMaterial.Problem(name, bytes, null) is { } weak
            ? Prepared.Refused(ErrorCodes.WeakSecret, weak)
            : Prepared.Accepted(new NewCredential(Key, name, bytes, null), shown);
    }

    /// <summary>Random bytes of the hash's size, written as the secret is given: base64, or base64url text used as is.</summary>
    private static string NewSecret(int bytes, bool secretIsBase64)
    {
        var random = RandomNumberGenerator.GetBytes(bytes);
        return secretIsBase64 ? Convert.ToBase64String(random) : Base64UrlText(random);
    }

    private static string Base64UrlText(byte[] random) =>
        Convert.ToBase64String(random).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public sealed record Prepared(NewCredential? Credential, string? ShownSecret, string? Code, string? Detail)
    {
        public static Prepared Accepted(NewCredential credential, string? shownSecret) => new(credential, shownSecret, null, null);

        public static Prepared Refused(string code, string detail) => new(null, null, code, detail);
    }
}
