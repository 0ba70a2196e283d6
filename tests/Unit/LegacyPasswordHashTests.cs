using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SessionService.Grains.Users;
using SessionService.Grains.Users.LegacyHashes;
using SessionService.Tests.Support;

namespace SessionService.Tests.Unit;

/// <summary>
/// WordPress's stored hashes, made by PHP (<see cref="Php"/>) or taken from published vectors, checked by
/// <see cref="Passwords.Check"/>: a match is "rehash needed", anything else (malformed included) is a failed check.
/// </summary>
public sealed class LegacyPasswordHashTests
{
    private static readonly Passwords Passwords = new(new PasswordHasher<PasswordOwner>(Options.Create(new PasswordHasherOptions { IterationCount = 1000 })));

    public static readonly TheoryData<string> Formats = ["phpass", "wp-bcrypt", "bcrypt"];

    /// <summary>Plain ASCII, empty, non-ASCII (2-, 3- and 4-byte UTF-8), and longer than bcrypt's 72 bytes.</summary>
    public static readonly TheoryData<string, string> FormatsAndPasswords = Cross(
        "correct horse battery staple", "", "pässwörd ✓ 日本語 🔑", new string('a', 100) + "-tail");

    private static TheoryData<string, string> Cross(params string[] passwords)
    {
        var data = new TheoryData<string, string>();
        foreach (var format in new[] { "phpass", "wp-bcrypt", "bcrypt" })
        {
            foreach (var password in passwords)
            {
                data.Add(format, password);
            }
        }

        return data;
    }

    private static string HashWithPhp(string format, string password) => format switch
    {
        "phpass" => Php.Phpass(password),
        "wp-bcrypt" => Php.WordPressBcrypt(password),
        "bcrypt" => Php.Bcrypt(password),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    [Theory]
    [MemberData(nameof(FormatsAndPasswords))]
    public void PhpHash_RightPasswordNeedsRehash_WrongOneFails(string format, string password)
    {
        var hash = HashWithPhp(format, password);
        Assert.StartsWith(format switch { "phpass" => "$P$B", "wp-bcrypt" => "$wp$2y$04$", _ => "$2y$04$" }, hash);

        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Passwords.Check(hash, password));
        Assert.True(Passwords.Verify(hash, password));
        Assert.Equal(PasswordVerificationResult.Failed, Passwords.Check(hash, "x" + password));
        Assert.Equal(PasswordVerificationResult.Failed, Passwords.Check(hash, password.ToUpperInvariant() + "!"));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void EmptyPasswordHash_RefusesANonEmptyPassword(string format)
    {
        var hash = HashWithPhp(format, "");
        Assert.Equal(PasswordVerificationResult.Failed, Passwords.Check(hash, " "));
        Assert.Equal(PasswordVerificationResult.Failed, Passwords.Check(hash, "a"));
    }

    [Fact]
    public void PublishedPhpassVectors()
    {
        // phpass's own test vector (test.php of the phpass package) and phpBB's $H$ form of it (passlib's tests).
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Passwords.Check("$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0", "test12345"));
        Assert.Equal(PasswordVerificationResult.Failed, Passwords.Check("$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0", "test12346"));
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Passwords.Check("$H$9aaaaaSXBjgypwqm.JsMssPLiS8YQ00", "test1"));
        Assert.Equal(PasswordVerificationResult.Failed, Passwords.Check("$H$9aaaaaSXBjgypwqm.JsMssPLiS8YQ00", "test2"));
    }

    [Fact]
    public void PhpassWithOtherRoundCounts()
    {
        foreach (var log2 in new[] { 7, 10 })
        {
            var hash = Php.Phpass("rounds-password", log2);
            Assert.True(Phpass.Verify(hash, "rounds-password"), hash);
            Assert.False(Phpass.Verify(hash, "rounds-passworD"), hash);
        }
    }

    [Fact]
    public void Bcrypt_OnlyTheFirst72BytesCount_AsInPhp()
    {
        var password = new string('b', 72) + "-first-tail";
        var hash = Php.Bcrypt(password);
        var otherTail = new string('b', 72) + "-other-tail";
        Assert.True(Php.PasswordVerify(otherTail, hash));
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Passwords.Check(hash, otherTail));
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Passwords.Check(hash, new string('b', 72)));
        Assert.Equal(PasswordVerificationResult.Failed, Passwords.Check(hash, new string('b', 71)));
    }

    [Fact]
    public void Bcrypt_A72ByteCutThroughACharacter_AnswersAsPhp()
    {
        // 71 ASCII bytes, then 'é' (C3 A9): PHP keys bcrypt with the 72nd byte, the first half of 'é', only.
        var hash = Php.Bcrypt(new string('c', 71) + "é and more");
        foreach (var candidate in new[] { new string('c', 71) + "è", new string('c', 71) + "é", new string('c', 71) + "x", new string('c', 71) })
        {
            Assert.Equal(Php.PasswordVerify(candidate, hash), Passwords.Verify(hash, candidate));
        }
    }

    [Fact]
    public void WordPressBcrypt_KeepsEveryByteOfALongPassword()
    {
        // The HMAC pre-hash is why WordPress 6.8 added $wp: bytes after the 72nd count there.
        var password = new string('d', 72) + "-first-tail";
        var hash = Php.WordPressBcrypt(password);
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Passwords.Check(hash, password));
        Assert.Equal(PasswordVerificationResult.Failed, Passwords.Check(hash, new string('d', 72) + "-other-tail"));
        // And the bcrypt part alone is not a hash of the password itself.
        Assert.Equal(PasswordVerificationResult.Failed, Passwords.Check(hash[3..], password));
    }

    [Fact]
    public void WordPressBcrypt_DoesNotTrimOnCheck()
    {
        var hash = Php.WordPressBcrypt(" spaced password ");
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Passwords.Check(hash, " spaced password "));
        Assert.Equal(PasswordVerificationResult.Failed, Passwords.Check(hash, "spaced password"));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void MalformedHashes_FailWithoutThrowing(string format)
    {
        var hash = HashWithPhp(format, "malformed-test");
        foreach (var bad in new[] { hash[..^1], hash[..^10], hash[..5], hash[..3], hash + "x", hash + hash, hash[..^1] + "\u00e9", hash[..^1] + "!" })
        {
            Assert.Equal(PasswordVerificationResult.Failed, Passwords.Check(bad, "malformed-test"));
        }
    }

    [Fact]
    public void MalformedPhpass_FailsWithoutThrowing()
    {
        const string Good = "$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0";
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Passwords.Check(Good, "test12345"));
        // Round characters outside 7..16 ('5' is 7, 'E' is 16) or outside the alphabet.
        foreach (var count in "!$ .0123FST z\u00e9")
        {
            Assert.Equal(PasswordVerificationResult.Failed, Passwords.Check(Good[..3] + count + Good[4..], "test12345"));
        }

        foreach (var bad in new[] { "$P$", "$P$B", "$P$B12345678", "$H$", "$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L", "$P$9IQRaTwmf\u00e9Ro7ud9Fh4E2PdI0S3r.L0" })
        {
            Assert.Equal(PasswordVerificationResult.Failed, Passwords.Check(bad, "test12345"));
        }
    }

    [Fact]
    public void MalformedBcrypt_FailsWithoutThrowing()
    {
        var hash = Php.Bcrypt("bcrypt-malformed");
        foreach (var bad in new[]
                 {
                     "$2y$", "$2y$10$", "$2y$99$" + hash[7..], "$2y$xx$" + hash[7..], "$2y$04" + hash[6..].Replace('$', '.'),
                     hash[..29] + "!!!!" + hash[33..], "$wp", "$wp$", "$wp$2y$", "$wp$2y$04$short", "$wp" + hash[..^2], "$2x$" + hash[4..],
                 })
        {
            Assert.Equal(PasswordVerificationResult.Failed, Passwords.Check(bad, "bcrypt-malformed"));
        }
    }

    [Fact]
    public void OurHashesAndGarbage_AreNotLegacy()
    {
        var ours = Passwords.Hash("our-own-password");
        Assert.False(LegacyPasswordHashes.IsLegacy(ours));
        Assert.Equal(PasswordVerificationResult.Success, Passwords.Check(ours, "our-own-password"));
        foreach (var garbage in new[] { "not a hash", "AQ==", "!!!", "$", "$1$abc$def", "$argon2id$v=19$m=65536,t=4,p=1$c29tZXNhbHQ$aGFzaA" })
        {
            Assert.Equal(PasswordVerificationResult.Failed, Passwords.Check(garbage, "our-own-password"));
        }
    }

    [Fact]
    public void PhpassRounds_2To16Verify_2To17AreRefusedEvenWithTheRightPassword()
    {
        var at16 = Php.Phpass("rounds-cap-password", 16);
        var at17 = Php.Phpass("rounds-cap-password", 17);

        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Passwords.Check(at16, "rounds-cap-password"));
        Assert.True(LegacyPasswordHashes.IsVerifiable(at16));
        Assert.Equal(PasswordVerificationResult.Failed, Passwords.Check(at17, "rounds-cap-password"));
        Assert.False(LegacyPasswordHashes.IsVerifiable(at17));
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("")]
    [InlineData("pässwörd ✓ 日本語 🔑")]
    public void WordPressMd5_FromPhp_RightPasswordNeedsRehash_WrongOneFails(string password)
    {
        var hash = Php.Md5(password);

        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Passwords.Check(hash, password));
        Assert.Equal(PasswordVerificationResult.Failed, Passwords.Check(hash, password + "x"));
        // WordPress compares the lowercase hex MD5 exactly: an uppercase copy is no hash it wrote.
        Assert.Equal(PasswordVerificationResult.Failed, Passwords.Check(hash.ToUpperInvariant(), password));
        Assert.Equal(PasswordVerificationResult.Failed, Passwords.Check(hash[..^1], password));
    }

    [Fact]
    public void IsVerifiable_TakesEveryFormatPhpWrites_AndNothingMalformed()
    {
        foreach (var format in new[] { "phpass", "wp-bcrypt", "bcrypt" })
        {
            var hash = HashWithPhp(format, "verifiable-password");
            Assert.True(LegacyPasswordHashes.IsVerifiable(hash), hash);
            foreach (var bad in new[] { hash[..^1], hash + "a", hash[..^1] + "!", hash[..^1] + "\u00e9" })
            {
                Assert.False(LegacyPasswordHashes.IsVerifiable(bad), bad);
            }
        }

        Assert.True(LegacyPasswordHashes.IsVerifiable(Php.Md5("verifiable-password")));
        Assert.True(LegacyPasswordHashes.IsVerifiable("$H$9aaaaaSXBjgypwqm.JsMssPLiS8YQ00"));
        Assert.True(LegacyPasswordHashes.IsVerifiable("$2a$16$abcdefghijklmnopqrstuuFCN4Tbz0Y0IVbc8kR4GSuxKmEwMtJMG"));
        Assert.True(LegacyPasswordHashes.IsVerifiable("$wp$2y$16$abcdefghijklmnopqrstuuFCN4Tbz0Y0IVbc8kR4GSuxKmEwMtJMG"));
        foreach (var bad in new[]
                 {
                     "", "$P$4IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0", "$2y$03$abcdefghijklmnopqrstuuFCN4Tbz0Y0IVbc8kR4GSuxKmEwMtJMG",
                     "$2y$17$abcdefghijklmnopqrstuuFCN4Tbz0Y0IVbc8kR4GSuxKmEwMtJMG", "$wp$2y$17$abcdefghijklmnopqrstuuFCN4Tbz0Y0IVbc8kR4GSuxKmEwMtJMG",
                     "$2y$32$abcdefghijklmnopqrstuuFCN4Tbz0Y0IVbc8kR4GSuxKmEwMtJMG", "$2x$10$abcdefghijklmnopqrstuuFCN4Tbz0Y0IVbc8kR4GSuxKmEwMtJMG",
                     "$wp$2y$1a$abcdefghijklmnopqrstuuFCN4Tbz0Y0IVbc8kR4GSuxKmEwMtJMG", Passwords.Hash("ours"), "$argon2id$v=19$m=65536,t=4,p=1$c29tZXNhbHQ$aGFzaA",
                 })
        {
            Assert.False(LegacyPasswordHashes.IsVerifiable(bad), bad);
        }
    }

    [Fact]
    public void BcryptCostOver16_FailsAtOnce_WithoutRunningBcrypt()
    {
        // Cost 31 is 2^31 key expansions: days. Without the cap this check would not return within the test run.
        foreach (var hash in new[] { "$2y$31$abcdefghijklmnopqrstuuFCN4Tbz0Y0IVbc8kR4GSuxKmEwMtJMG", "$wp$2y$17$abcdefghijklmnopqrstuuFCN4Tbz0Y0IVbc8kR4GSuxKmEwMtJMG" })
        {
            Assert.Equal(PasswordVerificationResult.Failed, Passwords.Check(hash, "any-password"));
        }
    }
}
