using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace SessionService.Cli.Http;

/// <summary>Calls the service's HTTP API with the admin token; any refusal or failure becomes a <see cref="CliFailure"/>.</summary>
public sealed class ServiceClient(HttpClient http, Uri baseUrl, string? token)
{
    public Uri BaseUrl { get; } = baseUrl;

    public Task<ServiceAnswer> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<ServiceAnswer> PostAsync(string path, JsonObject? body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body, cancellationToken);

    public Task<ServiceAnswer> DeleteAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, path, null, cancellationToken);

    public Task<ServiceAnswer> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken) =>
        SendAsync(method, path, body, authenticated: true, cancellationToken);

    /// <param name="path">Relative to the base URL, without a leading '/'; every caller-given segment escaped.</param>
    /// <param name="authenticated">False for the endpoints that need no token (login, JWKS).</param>
    public async Task<ServiceAnswer> SendAsync(HttpMethod method, string path, JsonObject? body, bool authenticated, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseUrl, path));
        if (authenticated)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? throw MissingToken());
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CliFailure(ExitCodes.Unavailable, "unreachable", $"Cannot reach {BaseUrl}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliFailure(ExitCodes.Unavailable, "timeout", $"{BaseUrl} did not answer in time.");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.IsSuccessStatusCode ? new ServiceAnswer((int)response.StatusCode, text) : throw ServiceError.From(response, text);
        }
    }

    /// <summary>One path segment from user input, escaped so it can never change the path.</summary>
    public static string Segment(string value) =>
        value is "" or "." or ".."
            ? throw CliFailure.Usage("invalid_argument", $"'{value}' is not an id or name.")
            : Uri.EscapeDataString(value);

    private static CliFailure MissingToken() =>
        CliFailure.Usage("missing_token",
            $"{GlobalOptions.TokenVariable} is not set. Run: eval \"$(sessionctl login)\" (or export an admin access token).");
}
