namespace SessionService.Grains.Users;

/// <summary>
/// The outcome of <see cref="RefreshRotationPolicy.Decide"/>. <see cref="Session"/> is the session as it
/// must be stored after a rotation, and the session as found for every other verdict but
/// <see cref="RefreshVerdict.Invalid"/>; <see cref="RefreshToken"/> is what the caller gets back on a
/// rotation or a retry.
/// </summary>
public sealed record RefreshDecision(
    RefreshVerdict Verdict,
    DeviceSession? Session = null,
    string? RefreshToken = null,
    long RotationsAgo = 0)
{
    public static RefreshDecision Invalid { get; } = new(RefreshVerdict.Invalid);
}
