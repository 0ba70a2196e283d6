using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SessionService.Grains;

namespace SessionService.Api.Tokens;

/// <summary>Operator-managed PEM signing keys (<c>Auth:SigningKeyFiles</c>): loading and start-up checks.</summary>
public static class SigningKeyFiles
{
    public static AsymmetricAlgorithm Load(string path, string algorithm)
    {
        var pem = File.ReadAllText(path);
        if (algorithm.StartsWith("ES", StringComparison.Ordinal))
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            var expected = algorithm switch { "ES384" => 384, "ES512" => 521, _ => 256 };
            if (ec.KeySize != expected)
            {
                throw new CryptographicException($"{algorithm} needs a P-{expected} key, this one has {ec.KeySize} bits");
            }

            ec.ExportParameters(includePrivateParameters: true); // throws for a public key
            return ec;
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        if (rsa.KeySize < 2048)
        {
            throw new CryptographicException($"RSA keys need at least 2048 bits, this one has {rsa.KeySize}");
        }

        rsa.ExportParameters(includePrivateParameters: true);
        return rsa;
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
