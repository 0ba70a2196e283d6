namespace SessionService.Api.Gateway.Verification;

/// <summary>Verifies signatures made with one credential; safe to use from many threads at once.</summary>
internal abstract class ConsumerSignature
{
    /// <param name="signingInput">The ASCII bytes of <c>header.payload</c>.</param>
    /// <param name="signature">The decoded third segment.</param>
    public abstract bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature);
}

/// <summary>A credential whose key material cannot verify its algorithm: nothing verifies.</summary>
internal sealed class UnusableSignature : ConsumerSignature
{
    public static readonly UnusableSignature Instance = new();

    public override bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) => false;
}
