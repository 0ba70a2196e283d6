using Microsoft.Extensions.Options;
using SessionService.Grains;

namespace SessionService.Api.Tokens;

/// <summary>Validates service tokens on this node alone: the <see cref="JwsVerifier{TIdentity}"/> for the service token kind, then its lifetime.</summary>
public sealed class ServiceTokenValidator(
    JwsVerifier<ServiceTokenIdentity> verifier, IOptions<AuthOptions> options, [FromKeyedServices(SessionClock.Key)] TimeProvider clock)
{
    private static readonly TokenLifetime Lifetime = new("service token");
    private readonly long _skewSeconds = (long)options.Value.ClockSkew.TotalSeconds;

    public async Task<JwsVerification<ServiceTokenIdentity>> ValidateAsync(string token)
    {
        var verified = await verifier.VerifyAsync(token);
        if (verified.Identity is not { } identity)
        {
            return verified;
        }

        return Lifetime.Check(identity.ExpiresAt, identity.NotBefore, clock.GetUtcNow().ToUnixTimeSeconds(), _skewSeconds) is { } outside
            ? outside
            : verified;
    }
}
