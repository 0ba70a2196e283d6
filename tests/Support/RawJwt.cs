using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace SessionService.Tests.Support;

/// <summary>Builds compact JWS strings byte by byte, for tokens no well-behaved library would make.</summary>
public static class RawJwt
{
    public static string Encode(object value) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(value));

    public static string Build(object header, string payloadSegment, Func<byte[], byte[]> sign)
    {
        var signingInput = Encode(header) + "." + payloadSegment;
        return signingInput + "." + Base64UrlEncoder.Encode(sign(Encoding.ASCII.GetBytes(signingInput)));
    }

    public static string PayloadOf(string token) => token.Split('.')[1];

    /// <summary>A string claim of a token's payload, read without verifying it.</summary>
    public static string Claim(string token, string name) =>
        JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(PayloadOf(token))).RootElement.GetProperty(name).GetString()!;

    public static string KidOf(string token) =>
        JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(token.Split('.')[0])).RootElement.GetProperty("kid").GetString()!;

    public static string ClaimOf(string token, string name) =>
        JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(PayloadOf(token))).RootElement.GetProperty(name).GetString()!;

    public static Func<byte[], byte[]> Es256(ECDsa key) =>
        data => key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public static Func<byte[], byte[]> Hs256(byte[] secret) => data => HMACSHA256.HashData(secret, data);
}
