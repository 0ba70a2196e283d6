namespace SessionService.Grains.Users.LegacyHashes;

/// <summary>
/// Password hashes imported from WordPress: portable phpass (<c>$P$</c>, <c>$H$</c>), WordPress 6.8+'s
/// <c>$wp$2y$</c> and plain bcrypt (<c>$2y$</c>, <c>$2a$</c>, <c>$2b$</c>). <see cref="Passwords.Check"/> asks
/// here first; a right password answers "rehash needed", so the login replaces the hash with ours.
/// </summary>
public static class LegacyPasswordHashes
{
    /// <summary>Whether the hash is in one of the legacy formats (by prefix; it may still be malformed).</summary>
    public static bool IsLegacy(string hash) => Phpass.IsPhpass(hash) || WordPressBcrypt.IsWordPress(hash) || WordPressBcrypt.IsBcrypt(hash);

    /// <summary>True when the hash is a legacy hash of this password; false for anything else, malformed included.</summary>
    public static bool Verify(string hash, string password)
    {
        if (Phpass.IsPhpass(hash))
        {
            return Phpass.Verify(hash, password);
        }

        if (WordPressBcrypt.IsWordPress(hash))
        {
            return WordPressBcrypt.VerifyWordPress(hash, password);
        }

        return WordPressBcrypt.IsBcrypt(hash) && WordPressBcrypt.VerifyBcrypt(hash, password);
    }
}
