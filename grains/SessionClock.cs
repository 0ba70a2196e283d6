namespace SessionService.Grains;

/// <summary>
/// The clock of the service's own rules (token lifetimes, rotation grace, lockout), registered as a keyed
/// <see cref="TimeProvider"/> so tests can fake it without also faking the clock Orleans runs on.
/// </summary>
public static class SessionClock
{
    public const string Key = "sessions";
}
