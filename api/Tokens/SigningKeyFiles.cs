using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SessionService.Grains;
using SessionService.Grains.Keys;

namespace SessionService.Api.Tokens;

/// <summary>
/// PEM keys: operator-managed signing keys (<c>Auth:SigningKeyFiles</c>) and public keys that only
/// verify (partners' keys). Each key must fit its algorithm's row in <see cref="JwsAlgorithms"/>.
/// </summary>
public static class SigningKeyFiles
{
    /// <summary>A private key to sign with; a public-only PEM is refused.</summary>
    public static AsymmetricAlgorithm Load(string path, string algorithm)
    {
        var key = Import(File.ReadAllText(path), algorithm);
        try
        {
            RequirePrivate(key);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>A key that only verifies: the public half of whatever the PEM holds.</summary>
    public static AsymmetricAlgorithm LoadPublic(string path, string algorithm) => ImportPublic(File.ReadAllText(path), algorithm);

    /// <inheritdoc cref="LoadPublic"/>
    public static AsymmetricAlgorithm ImportPublic(string pem, string algorithm)
    {
        using var key = Import(pem, algorithm);
        return key switch
        {
            ECDsa ec => ECDsa.Create(ec.ExportParameters(includePrivateParameters: false)),
            RSA rsa => RSA.Create(rsa.ExportParameters(includePrivateParameters: false)),
            _ => throw new CryptographicException($"Unsupported key type {key.GetType().Name}"),
        };
    }

    private static AsymmetricAlgorithm Import(string pem, string algorithm)
    {
        var row = JwsAlgorithms.Find(algorithm) ?? throw new CryptographicException($"'{algorithm}' is not a known JWS algorithm");
        AsymmetricAlgorithm key = row switch
        {
            { Family: JwsAlgorithmFamily.Ecdsa } => ECDsa.Create(),
            { IsRsa: true } => RSA.Create(),
            { Family: JwsAlgorithmFamily.Hmac } => throw new CryptographicException($"{algorithm} uses a shared secret, not a key file"),
            _ => throw new CryptographicException($"{algorithm} keys cannot be loaded: .NET has no {row.Curve ?? row.KeyType} support"),
        };

        try
        {
            key.ImportFromPem(pem);
            if (row.Unfit(key) is { } reason)
            {
                throw new CryptographicException(reason);
            }

            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private static void RequirePrivate(AsymmetricAlgorithm key)
    {
        // Exporting private parameters throws for a public-only key.
        switch (key)
        {
            case ECDsa ec:
                ec.ExportParameters(includePrivateParameters: true);
                break;
            case RSA rsa:
                rsa.ExportParameters(includePrivateParameters: true);
                break;
        }
    }

    /// <summary>Refuses to start with a key file that is missing, public-only or unfit for the algorithm.</summary>
    public sealed class Validator : IValidateOptions<AuthOptions>
    {
        public ValidateOptionsResult Validate(string? name, AuthOptions options)
        {
            var errors = new List<string>();
            for (var i = 0; i < options.SigningKeyFiles.Length; i++)
            {
                try
                {
                    using var key = Load(options.SigningKeyFiles[i], options.EffectiveAlgorithm);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
                {
                    errors.Add($"Auth:SigningKeyFiles:{i} ('{options.SigningKeyFiles[i]}') is not a usable {options.EffectiveAlgorithm} private key: {e.Message}");
                }
            }

            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
