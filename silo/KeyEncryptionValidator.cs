using Microsoft.Extensions.Options;
using SessionService.Grains;

namespace SessionService.Silo;

/// <summary>Cluster mode has no local file every process could share: the key-encryption secret must be configured.</summary>
public sealed class KeyEncryptionValidator(IOptions<SiloOptions> orleans) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options) =>
        options.KeyEncryptionSecret is null && !orleans.Value.IsEmbedded
            ? ValidateOptionsResult.Fail($"Auth:KeyEncryptionSecret must be set (the same on every silo and API node) when Orleans:Mode is '{SiloOptions.PostgresMode}'.")
            : ValidateOptionsResult.Success;
}
