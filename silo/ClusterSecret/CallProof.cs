using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SessionService.Silo.ClusterSecret;

/// <summary>
/// Proof that the caller of a grain call knows the cluster secret: an HMAC-SHA256, under a key derived
/// from the secret, over the call's target grain, interface, method and the time it was made.
/// Format: <c>unix-milliseconds.base64url(mac)</c>.
/// </summary>
public sealed class CallProof : ICallProof
{
    /// <summary>The RequestContext key the proof travels under.</summary>
    public const string ContextKey = "session-service.call-proof";

    /// <summary>How far a proof's time may be from the verifier's clock, either way (clocks of different hosts, queueing).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(60);

    private static readonly byte[] KeyPurpose = "session-service orleans call proof v1"u8.ToArray();
    private readonly byte[] _key;
    private readonly TimeProvider _clock;

    public CallProof(byte[] key, TimeProvider clock)
    {
        _key = key.Length >= 32 ? key : throw new ArgumentException("A call-proof key must be at least 32 bytes.", nameof(key));
        _clock = clock;
    }

    public static CallProof FromSecret(string secret, TimeProvider clock) =>
        new(HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: [], info: KeyPurpose), clock);

    /// <summary>
    /// What a proof binds as the call's target: the grain id, or for a system target only its type. A
    /// client addresses a system target by its gateway's endpoint, while the silo knows it by its silo
    /// endpoint and generation, so the full id differs on the two sides.
    /// </summary>
    public static string TargetOf(GrainId target) => target.IsSystemTarget() ? target.Type.ToString()! : target.ToString();

    public object Create(IGrainCallContext call) => Create(TargetOf(call.TargetId), call.InterfaceType.ToString(), call.MethodName);

    public bool Verify(object? presented, IGrainCallContext call) =>
        Verify(presented as string, TargetOf(call.TargetId), call.InterfaceType.ToString(), call.MethodName);

    public string Create(string target, string interfaceType, string method)
    {
        var time = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        return time.ToString(CultureInfo.InvariantCulture) + "." + Base64Url.EncodeToString(Mac(target, interfaceType, method, time));
    }

    public bool Verify(string? proof, string target, string interfaceType, string method)
    {
        var dot = proof?.IndexOf('.') ?? -1;
        if (dot <= 0
            || !long.TryParse(proof.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var time)
            || time > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return false;
        }

        var age = _clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(time);
        if (age.Duration() > MaxClockSkew)
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var encoded = proof.AsSpan(dot + 1);
        return Base64Url.IsValid(encoded, out var length)
            && length == HMACSHA256.HashSizeInBytes
            && Base64Url.TryDecodeFromChars(encoded, presented, out _)
            && CryptographicOperations.FixedTimeEquals(presented, Mac(target, interfaceType, method, time));
    }

    private byte[] Mac(string target, string interfaceType, string method, long time)
    {
        // Each field length-prefixed, so no two different calls share an input.
        var input = string.Create(CultureInfo.InvariantCulture,
            $"{target.Length}:{target}|{interfaceType.Length}:{interfaceType}|{method.Length}:{method}|{time}");
        return HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(input));
    }
}
