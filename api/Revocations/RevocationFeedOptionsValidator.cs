using Microsoft.Extensions.Options;

namespace SessionService.Api.Revocations;

public sealed class RevocationFeedOptionsValidator : IValidateOptions<RevocationFeedOptions>
{
    public ValidateOptionsResult Validate(string? name, RevocationFeedOptions options)
    {
        var errors = new List<string>();
        if (options.HeartbeatInterval < TimeSpan.FromMilliseconds(10) || options.HeartbeatInterval > TimeSpan.FromMinutes(5))
        {
            errors.Add("Revocations:HeartbeatInterval must be from 00:00:00.010 to 00:05:00.");
        }

        if (options.StreamBuffer is < 1 or > 1_000_000)
        {
            errors.Add("Revocations:StreamBuffer must be from 1 to 1000000.");
        }

        if (options.MaxStreams is < 1 or > 100_000)
        {
            errors.Add("Revocations:MaxStreams must be from 1 to 100000.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
