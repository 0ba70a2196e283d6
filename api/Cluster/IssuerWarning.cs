using Microsoft.Extensions.Options;
using SessionService.Api.Http;
using SessionService.Grains;

namespace SessionService.Api.Cluster;

/// <summary>
/// Says at start when <c>Auth:Issuer</c> is not an absolute http(s) URL: strict discovery clients (IdentityModel,
/// openid-client) require the issuer to be the base URL the metadata is served under, and refuse it otherwise.
/// </summary>
public sealed class IssuerWarning(IOptions<AuthOptions> auth, ILogger<IssuerWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!PublicBaseUrl.IsBaseUrl(auth.Value.Issuer))
        {
            Log.IssuerNotBaseUrl(logger, auth.Value.Issuer);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
