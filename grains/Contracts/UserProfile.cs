namespace SessionService.Grains.Contracts;

/// <summary>A user's optional profile fields; null is "not set".</summary>
[GenerateSerializer, Immutable, Alias("UserProfile")]
public sealed record UserProfile(
    [property: Id(0)] string? Email = null,
    [property: Id(1)] string? DisplayName = null,
    [property: Id(2)] string? FirstName = null,
    [property: Id(3)] string? LastName = null)
{
    public static readonly UserProfile Empty = new();
}
