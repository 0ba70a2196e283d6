using Microsoft.AspNetCore.Identity;
using SessionService.Grains.Users.LegacyHashes;

namespace SessionService.Grains.Users;

/// <summary>
/// Password hashing (ASP.NET Core Identity's PBKDF2 hasher) and the password policy. Only the user grain
/// checks a password against a stored hash; API nodes hash new passwords and check unknown names against
/// a dummy hash, so both take the same time.
/// </summary>
public sealed class Passwords(IPasswordHasher<PasswordOwner> hasher)
{
    public const int MinLength = 8;
    public const int MaxLength = 256;
    private static readonly PasswordOwner Owner = new();
    private readonly Lazy<string> _dummyHash = new(() => hasher.HashPassword(Owner, Guid.NewGuid().ToString()));

    public string Hash(string password) => hasher.HashPassword(Owner, password);

    public bool Verify(string hash, string password) => Check(hash, password) != PasswordVerificationResult.Failed;

    /// <summary>
    /// <see cref="PasswordVerificationResult.SuccessRehashNeeded"/> when the password is right but its hash
    /// was made with weaker settings than today's (e.g. before <c>Passwords:Iterations</c> was raised).
    /// A hash imported from WordPress (<see cref="LegacyPasswordHashes"/>) that matches is always "rehash needed",
    /// so the first successful login stores ours in its place.
    /// </summary>
    public PasswordVerificationResult Check(string hash, string password)
    {
        if (hash.Length == 0)
        {
            return PasswordVerificationResult.Failed;
        }

        if (LegacyPasswordHashes.IsLegacy(hash))
        {
            return LegacyPasswordHashes.Verify(hash, password) ? PasswordVerificationResult.SuccessRehashNeeded : PasswordVerificationResult.Failed;
        }

        try
        {
            return hasher.VerifyHashedPassword(Owner, hash, password);
        }
        catch (FormatException)
        {
            // Not base64, so no hash of ours: a failed check, as for any other malformed hash.
            return PasswordVerificationResult.Failed;
        }
    }

    /// <summary>Spends the time of a real check, so an unknown user answers as slowly as a wrong password.</summary>
    public void VerifyAgainstDummy(string password) => Verify(_dummyHash.Value, password);

    public static string? Weakness(string password, string? username)
    {
        if (password.Length < MinLength)
        {
            return $"The password must have at least {MinLength} characters.";
        }

        if (password.Length > MaxLength)
        {
            return $"The password must have at most {MaxLength} characters.";
        }

        if (password.Distinct().Count() < 4)
        {
            return "The password must use at least 4 different characters.";
        }

        if (username is not null && password.Contains(username.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return "The password must not contain the user name.";
        }

        return null;
    }
}

/// <summary>The hasher is generic over a user type it never reads; this is ours.</summary>
public sealed class PasswordOwner;
