using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SessionService.Api.Http;
using SessionService.Api.Tokens;

namespace SessionService.Api.Dashboard;

/// <summary>
/// The access-token scheme for the dashboard's pages and data: the Bearer header, else the
/// <see cref="DashboardCookie"/>. Only the dashboard's endpoints name it; they answer GET only, so the cookie
/// changes nothing on the server (and SameSite=Strict keeps it off cross-site requests anyway).
/// </summary>
public sealed class DashboardAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccessTokenValidator validator)
    : AccessTokenAuthenticationHandler(options, logger, encoder, validator)
{
    public new const string SchemeName = "DashboardCookie";

    public const string AdminPolicy = "DashboardAdmin";

    protected override string? TokenOf(HttpRequest request) => request.BearerToken() ?? DashboardCookie.Read(request);

    protected override (string Code, string Detail) Missing =>
        (ErrorCodes.NoAuthHeader, $"Send an admin's access token as 'Authorization: Bearer <token>', or POST it to {DashboardEndpoints.SessionPath} for the dashboard cookie.");
}
