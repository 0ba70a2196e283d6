using Microsoft.Extensions.Options;

namespace SessionService.Silo;

/// <summary>Resolves <c>Storage:Path</c> once, against the working directory at start-up, and refuses an empty one.</summary>
public sealed class StorageOptionsValidator : IPostConfigureOptions<StorageOptions>, IValidateOptions<StorageOptions>
{
    public void PostConfigure(string? name, StorageOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Path) && !options.Path.Contains('\0'))
        {
            options.Path = Path.GetFullPath(options.Path);
        }
    }

    public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.Path) || options.Path.Contains('\0')
            ? ValidateOptionsResult.Fail($"Storage:Path must be a directory path (got '{options.Path}').")
            : ValidateOptionsResult.Success;
}
