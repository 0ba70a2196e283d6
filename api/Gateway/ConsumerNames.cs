using SessionService.Api.Http;

namespace SessionService.Api.Gateway;

/// <summary>What a consumer's username or custom_id may be: they reach identity headers and logs as given.</summary>
public static class ConsumerNames
{
    public const int MaxLength = 256;

    /// <summary>Why <paramref name="value"/> cannot be the <paramref name="field"/>, or null when it can.</summary>
    public static string? Problem(string value, string field) => value switch
    {
        { Length: 0 } => $"{field} must not be empty.",
        { Length: > MaxLength } => $"{field} must be at most {MaxLength} characters.",
        _ when ClientText.HasHidden(value) || value.Any(char.IsControl) => $"{field} has invisible or control characters.",
        _ => null,
    };
}
