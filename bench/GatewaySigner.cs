using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SessionService.Bench;

/// <summary>Makes the tokens a consumer would send: its key as <c>iss</c>, valid from 10 s ago for an hour.</summary>
internal sealed class GatewaySigner
{
    private readonly string _key;
    private readonly string _header;
    private readonly Func<byte[], byte[]> _sign;

    private GatewaySigner(string key, string algorithm, Func<byte[], byte[]> sign)
    {
        _key = key;
        _header = Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg = algorithm, typ = "JWT" }));
        _sign = sign;
        Algorithm = algorithm;
    }

    public string Algorithm { get; }

    public static GatewaySigner Hs256(string key, string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        return new GatewaySigner(key, "HS256", input => HMACSHA256.HashData(bytes, input));
    }

    public static GatewaySigner Es256(string key, ECDsa privateKey) =>
        new(key, "ES256", input => privateKey.SignData(input, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    /// <param name="serial">Makes the token distinct from the others of this signer.</param>
    public string Token(long serial = 0)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = Encode(JsonSerializer.SerializeToUtf8Bytes(new { iss = _key, exp = now + 3600, nbf = now - 10, jti = serial.ToString() }));
        var input = _header + "." + claims;
        return input + "." + Encode(_sign(Encoding.ASCII.GetBytes(input)));
    }

    /// <summary><paramref name="count"/> distinct tokens, made before any is timed.</summary>
    public string[] DistinctTokens(int count, long firstSerial) =>
        [.. Enumerable.Range(0, count).Select(i => Token(firstSerial + i))];

    private static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
