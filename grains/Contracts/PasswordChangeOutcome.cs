namespace SessionService.Grains.Contracts;

public enum PasswordChangeOutcome
{
    Changed,

    /// <summary>The password changed since the caller read the security stamp: its check no longer holds.</summary>
    StampMismatch,
}
