namespace SessionService.Grains.Users;

public static class UserEmails
{
    /// <summary>The key of an address in the email index: trimmed, lower-cased (as WordPress compares them).</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
