namespace SessionService.Grains.Users.LegacyHashes;

/// <summary>
/// Password hashes imported from WordPress: portable phpass (<c>$P$</c>, <c>$H$</c>), WordPress 6.8+'s
/// <c>$wp$2y$</c>, plain bcrypt (<c>$2y$</c>, <c>$2a$</c>, <c>$2b$</c>) and the plain MD5 of WordPress before 2.5. <see cref="Passwords.Check"/> asks
/// here first; a right password answers "rehash needed", so the login replaces the hash with ours.
/// </summary>
public static class LegacyPasswordHashes
{
    /// <summary>Whether the hash is in one of the legacy formats (by prefix; it may still be malformed).</summary>
    public static bool IsLegacy(string hash) =>
        Phpass.IsPhpass(hash) || WordPressBcrypt.IsWordPress(hash) || WordPressBcrypt.IsBcrypt(hash) || WordPressMd5.IsMd5(hash);

    /// <summary>
    /// Whether the hash is one <see cref="Verify"/> can check: an import stores nothing else, so no user is left
    /// with a hash no password opens (or one whose rounds would burn CPU at every login).
    /// </summary>
    public static bool IsVerifiable(string hash) => Phpass.IsWellFormed(hash) || WordPressBcrypt.IsWellFormed(hash) || WordPressMd5.IsMd5(hash);

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

        if (WordPressMd5.IsMd5(hash))
        {
            return WordPressMd5.Verify(hash, password);
        }

        return WordPressBcrypt.IsBcrypt(hash) && WordPressBcrypt.VerifyBcrypt(hash, password);
    }
}
