using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace SessionService.Tests.Unit.Tokens;

/// <summary>
/// Non-canonical or malformed compact serializations of a token, each built from a validly signed token
/// (or signed over the malformed parts), so that the encoding is the only thing wrong with it.
/// </summary>
public static class MalformedEncodings
{
    /// <summary>Signs the given header and payload bytes as they are.</summary>
    public delegate string RawSigner(byte[] header, byte[] payload);

    /// <summary>A case: a name, and how to make it from a valid token and a signer of the same key.</summary>
    public sealed record Case(string Name, Func<string, Func<string, string, string>, string, string, string> Make);

    /// <summary>Makes <paramref name="item"/> from a valid <paramref name="token"/> and the signer of its key.</summary>
    public static string Make(Case item, string token, RawSigner signer)
    {
        var parts = token.Split('.');
        var header = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[0]));
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        return item.Make(token, (h, p) => signer(Bytes(h), Bytes(p)), header, payload);
    }

    // Stands for a byte that is never UTF-8 when the JSON text is turned into bytes to sign.
    private const char NotUtf8 = '\uE000';

    private static byte[] Bytes(string json) =>
        [.. json.Split(NotUtf8).SelectMany((piece, i) => i == 0 ? Encoding.UTF8.GetBytes(piece) : [0xFF, .. Encoding.UTF8.GetBytes(piece)])];

    /// <summary>The compact serialization of <paramref name="header"/> and <paramref name="payload"/> signed by <paramref name="sign"/>.</summary>
    public static string Sign(byte[] header, byte[] payload, Func<byte[], byte[]> sign)
    {
        var input = Base64UrlEncoder.Encode(header) + "." + Base64UrlEncoder.Encode(payload);
        return input + "." + Base64UrlEncoder.Encode(sign(Encoding.ASCII.GetBytes(input)));
    }

    public static IReadOnlyList<Case> All { get; } =
    [
        new("padding on the signature", (token, _, _, _) => token + "="),
        new("double padding on the signature", (token, _, _, _) => token + "=="),
        new("padding on the header", (token, _, _, _) => Replace(token, 0, s => s + "=")),
        new("padding on the payload", (token, _, _, _) => Replace(token, 1, s => s + "=")),
        new("standard alphabet plus", (token, sign, h, p) => Replace(sign(h, Insert(p, UrlSafeCharacters)), 1, s => s.Replace('-', '+'))),
        new("standard alphabet slash", (token, sign, h, p) => Replace(sign(h, Insert(p, UrlSafeCharacters)), 1, s => s.Replace('_', '/'))),
        new("leading space", (token, _, _, _) => " " + token),
        new("trailing space", (token, _, _, _) => token + " "),
        new("trailing newline", (token, _, _, _) => token + "\n"),
        new("space inside the payload", (token, _, _, _) => Replace(token, 1, s => s[..4] + " " + s[4..])),
        new("tab inside the signature", (token, _, _, _) => Replace(token, 2, s => s[..4] + "\t" + s[4..])),
        new("line break inside the header", (token, _, _, _) => Replace(token, 0, s => s[..4] + "\r\n" + s[4..])),
        new("non-ASCII letter", (token, _, _, _) => Replace(token, 1, s => s[..4] + "é" + s[4..])),
        new("full-width letter", (token, _, _, _) => Replace(token, 2, s => s[..4] + "Ａ" + s[4..])),
        new("NUL character", (token, _, _, _) => token + "\0"),
        new("percent-encoded character", (token, _, _, _) => Replace(token, 2, s => s + "%3D")),
        new("empty header", (token, _, _, _) => Replace(token, 0, _ => "")),
        new("empty payload", (token, _, _, _) => Replace(token, 1, _ => "")),
        new("empty signature", (token, _, _, _) => Replace(token, 2, _ => "")),
        new("two parts", (token, _, _, _) => token[..token.LastIndexOf('.')]),
        new("four parts", (token, _, _, _) => token + "." + token.Split('.')[2]),
        new("five parts", (token, _, _, _) => token + ".e30.e30"),
        new("trailing dot", (token, _, _, _) => token + "."),
        new("leading dot", (token, _, _, _) => "." + token),
        new("impossible base64 length", (token, _, _, _) => Replace(token, 2, s => s + (s.Length % 4 == 0 ? "A" : s.Length % 4 == 2 ? "AAA" : s.Length % 4 == 3 ? "AA" : ""))),
        new("non-zero unused bits in the last character", (token, _, _, _) => Replace(token, 2, s => s[..^1] + Bump(s[^1]))),
        new("duplicate alg in the header", (token, sign, h, p) => sign(Insert(h, "\"alg\":\"none\","), p)),
        new("duplicate alg after the real one", (token, sign, h, p) => sign(Append(h, Member(h, "alg")), p)),
        new("duplicate kid in the header", (token, sign, h, p) => sign(Insert(h, "\"kid\":\"other\","), p)),
        new("duplicate typ in the header", (token, sign, h, p) => sign(Append(h, Member(h, "typ")), p)),
        new("duplicate sub in the claims", (token, sign, h, p) => sign(h, Insert(p, "\"sub\":\"someone-else\","))),
        new("duplicate sid in the claims", (token, sign, h, p) => sign(h, Append(p, Member(p, "sid")))),
        new("duplicate exp in the claims", (token, sign, h, p) => sign(h, Insert(p, "\"exp\":4102444800,"))),
        new("duplicate key differing only by escape", (token, sign, h, p) => sign(h, Insert(p, "\"\\u0073ub\":\"someone-else\","))),
        new("header is an array", (token, sign, h, p) => sign("[" + h + "]", p)),
        new("header is a string", (token, sign, h, p) => sign("\"" + h.Replace("\"", "'") + "\"", p)),
        new("payload is an array", (token, sign, h, p) => sign(h, "[" + p + "]")),
        new("payload is a number", (token, sign, h, _) => sign(h, "42")),
        new("trailing garbage after the header JSON", (token, sign, h, p) => sign(h + "x", p)),
        new("trailing object after the header JSON", (token, sign, h, p) => sign(h + "{}", p)),
        new("trailing garbage after the payload JSON", (token, sign, h, p) => sign(h, p + "garbage")),
        new("second payload object", (token, sign, h, p) => sign(h, p + p)),
        new("comment in the payload", (token, sign, h, p) => sign(h, Insert(p, "/* c */"))),
        new("trailing comma in the payload", (token, sign, h, p) => sign(h, p[..^1] + ",}")),
        new("byte order mark before the header", (token, sign, h, p) => sign("\uFEFF" + h, p)),
        new("invalid UTF-8 in the payload", (token, sign, h, p) => sign(h, Insert(p, "\"x\":\"" + NotUtf8 + "\","))),
        new("lone surrogate escape in the payload", (token, sign, h, p) => sign(h, Insert(p, "\"x\":\"\\uD800\","))),
        new("overlong token", (token, sign, h, p) => sign(h, Insert(p, "\"pad\":\"" + new string('a', 9 * 1024) + "\","))),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var item in All)
        {
            data.Add(item.Name);
        }

        return data;
    }

    public static Case Named(string name) => All.Single(c => c.Name == name);

    private static string Replace(string token, int part, Func<string, string> change)
    {
        var parts = token.Split('.');
        parts[part] = change(parts[part]);
        return string.Join('.', parts);
    }

    private static string Insert(string json, string member) => "{" + member + json[1..];

    private static string Append(string json, string member) => json[..^1] + "," + member + "}";

    private static string Member(string json, string name)
    {
        var start = json.IndexOf("\"" + name + "\":", StringComparison.Ordinal);
        var end = json.IndexOfAny([',', '}'], start);
        return json[start..end];
    }

    // Six '?' (0x3F) and six '>' (0x3E) hold a whole aligned group of each at any offset, which encodes
    // as "Pz8_" and "Pj4-": the two characters where base64url and base64 differ.
    private const string UrlSafeCharacters = "\"x\":\"??????>>>>>>\",";

    private static char Bump(char c)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return alphabet[alphabet.IndexOf(c) + 1];
    }
}
