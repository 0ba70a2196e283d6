namespace SessionService.Api.Tokens;

/// <summary>What <see cref="JwsVerifier{TIdentity}"/> makes of a token: its identity, or why it was refused.</summary>
public readonly record struct JwsVerification<TIdentity>(TIdentity? Identity, TokenRejection? Rejection)
    where TIdentity : class
{
    public static implicit operator JwsVerification<TIdentity>(TokenRejection rejection) => new(null, rejection);
}
