namespace SessionService.Grains.Contracts;

public static class RevocationAuthority
{
    public const string Id = "default";
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);
}
