using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using SessionService.Api.Http;

namespace SessionService.Api.Compat.WordPress;

/// <summary>
/// The plugin's device slots on our device sessions. A slot is keyed by the raw <c>device</c> parameter
/// (<c>""</c> when absent, empty or <c>"0"</c>); its session's device id is <c>wp~</c> and the key when the key
/// is a valid device id, else <c>wp_</c> and a hash of it, so it never collides with a device of our own
/// surface and can always be revoked through <c>/auth/sessions/{device}</c>.
/// </summary>
public static partial class WordPressDevices
{
    private const string VerbatimPrefix = "wp~";
    private const string HashedPrefix = "wp_";

    public static string SlotKey(string? device) => device is null or "" or "0" ? "" : device;

    public static string DeviceId(string slotKey) =>
        slotKey.Length == 0 || ClientText.IsDeviceId(VerbatimPrefix + slotKey)
            ? VerbatimPrefix + slotKey
            : HashedPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(slotKey)))[..40];

    /// <summary>
    /// The plugin's cleaned device name (written into <c>data.user.device</c>): accented Latin-1 letters
    /// transliterated, then everything but <c>[A-Za-z0-9 ]</c> removed.
    /// </summary>
    public static string CleanName(string? device)
    {
        if (string.IsNullOrEmpty(device))
        {
            return "";
        }

        // WordPress's sanitize_text_field first: tags stripped, whitespace runs collapsed, trimmed.
        var text = Whitespace().Replace(Tag().Replace(device, ""), " ").Trim();
        var cleaned = new StringBuilder(text.Length);
        foreach (var a in text.SelectMany(Transliterate))
        {
            if (char.IsAsciiLetterOrDigit(a) || a == ' ')
            {
                cleaned.Append(a);
            }
        }

        return cleaned.ToString();
    }

    /// <summary>The plugin's own table (not WordPress core's <c>remove_accents</c>): ß becomes "Ss", Æ "A", ü and Ð are dropped.</summary>
    private static string Transliterate(char c) => c switch
    {
        'Š' => "S", 'š' => "s", 'Ž' => "Z", 'ž' => "z",
        'À' or 'Á' or 'Â' or 'Ã' or 'Ä' or 'Å' or 'Æ' => "A", 'Ç' => "C",
        'È' or 'É' or 'Ê' or 'Ë' => "E", 'Ì' or 'Í' or 'Î' or 'Ï' => "I", 'Ñ' => "N",
        'Ò' or 'Ó' or 'Ô' or 'Õ' or 'Ö' or 'Ø' => "O", 'Ù' or 'Ú' or 'Û' or 'Ü' => "U", 'Ý' => "Y", 'Þ' => "B",
        'ß' => "Ss",
        'à' or 'á' or 'â' or 'ã' or 'ä' or 'å' or 'æ' => "a", 'ç' => "c",
        'è' or 'é' or 'ê' or 'ë' => "e", 'ì' or 'í' or 'î' or 'ï' => "i", 'ð' => "o", 'ñ' => "n",
        'ò' or 'ó' or 'ô' or 'õ' or 'ö' or 'ø' => "o", 'ù' or 'ú' or 'û' => "u", 'ý' or 'ÿ' => "y", 'þ' => "b",
        _ => c.ToString(),
    };

    [GeneratedRegex("<[^>]*>?")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
