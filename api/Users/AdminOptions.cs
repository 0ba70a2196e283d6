namespace SessionService.Api.Users;

/// <summary>
/// The "Admin" configuration section: the first administrator, created if missing at start-up (see
/// <see cref="AdminBootstrap"/>, which refuses a weak password when it creates the account).
/// </summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public string? Username { get; set; }
    public string? Password { get; set; }
}
