using System.Security.Cryptography;

namespace SessionService.Bench;

/// <summary>The gateway's one extra cost measured alone, as <see cref="CostAlone"/> measures ES256.</summary>
internal static class GatewayCosts
{
    /// <summary>One HS256 check of a gateway-sized token: the HMAC and the constant-time comparison.</summary>
    public static CostAlone Hs256Verification() => CostAlone.Measure(() =>
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var input = RandomNumberGenerator.GetBytes(200);
        var signature = HMACSHA256.HashData(secret, input);
        return () => CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(secret, input), signature);
    });
}
