using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SessionService.Grains.Claims;
using SessionService.Grains.Keys;

namespace SessionService.Grains;

/// <summary>Refuses to start on weak or contradictory auth settings, naming the configuration key.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public static readonly IReadOnlyList<string> SupportedAlgorithms = JwsAlgorithms.Signable;

    public ValidateOptionsResult Validate(string? name, AuthOptions o)
    {
        var errors = new List<string>();
        void Require(bool ok, string key, string message)
        {
            if (!ok)
            {
                errors.Add($"Auth:{key} {message}");
            }
        }

        Require(!string.IsNullOrWhiteSpace(o.Issuer), "Issuer", "must be set.");
        Require(!string.IsNullOrWhiteSpace(o.Audience), "Audience", "must be set.");
        Require(!string.IsNullOrWhiteSpace(o.ServiceTokenAudience) && o.ServiceTokenAudience != o.Audience, "ServiceTokenAudience",
            "must be set and differ from Auth:Audience (service tokens must not pass as access tokens).");
        Require(SupportedAlgorithms.Contains(o.EffectiveAlgorithm), "SigningAlgorithm",
            $"must be one of {string.Join(", ", SupportedAlgorithms)} (got '{o.EffectiveAlgorithm}').");
        if (o.UsesSharedSecret)
        {
            var needed = JwsAlgorithms.Find(o.EffectiveAlgorithm)?.MinSecretBytes ?? 0;
            Require(o.Secret is not null && Encoding.UTF8.GetByteCount(o.Secret) >= needed, "Secret",
                $"must be at least {needed} bytes for {o.EffectiveAlgorithm}.");
            Require(!o.UsesKeyFiles, "SigningKeyFiles", $"holds asymmetric keys and cannot be used with {o.EffectiveAlgorithm}.");
        }
        else
        {
            Require(o.Secret is null, "Secret", $"is only for HS256/384/512, but Auth:SigningAlgorithm is {o.EffectiveAlgorithm}.");
        }

        Require(o.KeyEncryptionSecret is null || Encoding.UTF8.GetByteCount(o.KeyEncryptionSecret) >= 32,
            "KeyEncryptionSecret", "must be at least 32 bytes.");
        Require(o.AccessTokenLifetime >= TimeSpan.FromSeconds(30) && o.AccessTokenLifetime <= TimeSpan.FromDays(1),
            "AccessTokenLifetime", "must be between 00:00:30 and 1.00:00:00.");
        Require(o.RefreshTokenLifetime > o.AccessTokenLifetime && o.RefreshTokenLifetime <= TimeSpan.FromDays(400),
            "RefreshTokenLifetime", "must be longer than Auth:AccessTokenLifetime and at most 400 days.");
        Require(o.SessionAbsoluteLifetime >= o.RefreshTokenLifetime && o.SessionAbsoluteLifetime <= TimeSpan.FromDays(800),
            "SessionAbsoluteLifetime", "must be at least Auth:RefreshTokenLifetime and at most 800 days.");
        Require(o.RefreshReuseGrace >= TimeSpan.Zero && o.RefreshReuseGrace <= TimeSpan.FromMinutes(5),
            "RefreshReuseGrace", "must be between 00:00:00 and 00:05:00.");
        Require(o.ClockSkew >= TimeSpan.Zero && o.ClockSkew <= TimeSpan.FromMinutes(5),
            "ClockSkew", "must be between 00:00:00 and 00:05:00.");
        Require(o.MaxSessionsPerUser is >= 1 and <= 1000, "MaxSessionsPerUser", "must be between 1 and 1000.");
        Require(o.LockoutThreshold is >= 1 and <= 100, "LockoutThreshold", "must be between 1 and 100.");
        Require(o.LockoutBaseDuration > TimeSpan.Zero && o.LockoutMaxDuration >= o.LockoutBaseDuration,
            "LockoutBaseDuration", "must be positive and at most Auth:LockoutMaxDuration.");
        Require(o.KeyRotationInterval > o.RevocationRetention && o.KeyRotationInterval <= TimeSpan.FromDays(366),
            "KeyRotationInterval", "must be longer than Auth:AccessTokenLifetime plus Auth:ClockSkew and at most 366 days.");
        Require(o.LoginAttemptsKept is >= 0 and <= 1000, "LoginAttemptsKept", "must be between 0 and 1000.");
        Require(o.FailedLoginMinimumDuration >= TimeSpan.Zero && o.FailedLoginMinimumDuration <= TimeSpan.FromSeconds(5),
            "FailedLoginMinimumDuration", "must be between 0 and 00:00:05.");

        foreach (var claim in o.DefaultClaims.Keys)
        {
            var problem = CustomClaims.NameProblem(claim, CustomClaims.AccessTokenReserved);
            Require(problem is null, $"DefaultClaims:{claim}", $"cannot be used: {problem}");
        }

        var defaults = o.DefaultClaims.Select(c => new KeyValuePair<string, JsonElement>(c.Key, JsonSerializer.SerializeToElement(c.Value)));
        Require(o.DefaultClaims.Count <= CustomClaims.MaxClaims && CustomClaims.SerializedBytes(defaults) <= CustomClaims.MaxAccessTokenBytes, "DefaultClaims",
            $"must hold at most {CustomClaims.MaxClaims} claims of at most {CustomClaims.MaxAccessTokenBytes} bytes as JSON in all.");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
