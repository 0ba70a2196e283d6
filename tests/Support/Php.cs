using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace SessionService.Tests.Support;

/// <summary>
/// Makes password hashes with Debian's PHP (php-cli), as WordPress and PHP applications make them, so the legacy
/// hash checks are tested against the real algorithms. Passwords go to PHP base64-encoded, byte for byte UTF-8.
/// </summary>
public static class Php
{
    /// <summary>Low cost, so the tests stay fast; the cost is read from the hash.</summary>
    private const int BcryptCost = 4;

    /// <summary><c>password_hash($password, PASSWORD_BCRYPT)</c>: a <c>$2y$</c> hash.</summary>
    public static string Bcrypt(string password) =>
        Run($"echo password_hash(base64_decode($argv[1]), PASSWORD_BCRYPT, ['cost' => {BcryptCost}]);", Encode(password));

    /// <summary>WordPress 6.8+'s <c>wp_hash_password</c> (without its trim): <c>$wp</c> + bcrypt over the HMAC-SHA384 pre-hash.</summary>
    public static string WordPressBcrypt(string password) =>
        Run($"echo '$wp' . password_hash(base64_encode(hash_hmac('sha384', base64_decode($argv[1]), 'wp-sha384', true)), PASSWORD_BCRYPT, ['cost' => {BcryptCost}]);", Encode(password));

    /// <summary>The unsalted <c>md5($password)</c> that WordPress stored before 2.5.</summary>
    public static string Md5(string password) => Run("echo md5(base64_decode($argv[1]));", Encode(password));

    /// <summary>PHP's own <c>password_verify</c>, to compare answers where bcrypt's 72-byte limit matters.</summary>
    public static bool PasswordVerify(string password, string hash) =>
        Run("echo password_verify(base64_decode($argv[1]), $argv[2]) ? 'yes' : 'no';", Encode(password), hash) == "yes";

    /// <summary>
    /// A portable phpass hash (<c>$P$</c>) as WordPress's <c>PasswordHash(8, true)->HashPassword</c> makes it:
    /// random 6-byte salt in phpass's base64, 2^log2 rounds of MD5. WordPress's 'B' is 13: phpass (PHP 5+) adds 5
    /// to the 8 WordPress passes it.
    /// </summary>
    public static string Phpass(string password, int log2 = 13) =>
        Run(PhpassScript, Encode(password), log2.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private const string PhpassScript = """
        $itoa = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
        $encode = function (string $input, int $count) use ($itoa): string {
            $output = '';
            $i = 0;
            do {
                $value = ord($input[$i++]);
                $output .= $itoa[$value & 0x3f];
                if ($i < $count) { $value |= ord($input[$i]) << 8; }
                $output .= $itoa[($value >> 6) & 0x3f];
                if ($i++ >= $count) { break; }
                if ($i < $count) { $value |= ord($input[$i]) << 16; }
                $output .= $itoa[($value >> 12) & 0x3f];
                if ($i++ >= $count) { break; }
                $output .= $itoa[($value >> 18) & 0x3f];
            } while ($i < $count);
            return $output;
        };
        $password = base64_decode($argv[1]);
        $log2 = (int) $argv[2];
        $setting = '$P$' . $itoa[$log2] . $encode(random_bytes(6), 6);
        $salt = substr($setting, 4, 8);
        $count = 1 << $log2;
        $hash = md5($salt . $password, true);
        do { $hash = md5($hash . $password, true); } while (--$count);
        echo $setting . $encode($hash, 16);
        """;

    private static string Encode(string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes(password));

    private static string Run(string code, params string[] arguments)
    {
        var start = new ProcessStartInfo("php", ["-r", code, "--", .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                "php is not installed: the legacy password hash tests make their hashes with PHP. Install Debian's php-cli (apt-get install -y php-cli; test.sh does).", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill();
                throw new TimeoutException("php did not finish in 30 s");
            }

            Assert.True(process.ExitCode == 0, $"php exited with {process.ExitCode}: {errors}");
            return output.Result;
        }
    }
}
