using System.Text.Json;
using Microsoft.Extensions.Options;
using SessionService.Grains;
using SessionService.Grains.Claims;

namespace SessionService.Api.Users.Hook;

/// <summary>
/// Asks <c>Auth:ClaimsHook:Url</c> before an access token is issued. The hook answers 200 with
/// <c>{ "claims": { ... } }</c> to add claims, or <c>{ "deny": true, "reason": "..." }</c> to refuse the
/// login. Anything else (an error status, a timeout, unreadable JSON, a reserved claim, claims that with the user's and
/// the default ones exceed the access token's bound) is a
/// failure, which <c>OnFailure</c> turns into a 503 or a token without the hook's claims.
/// </summary>
public sealed class ClaimsHook(IHttpClientFactory clients, IOptions<ClaimsHookOptions> options, IOptions<AuthOptions> auth, ILogger<ClaimsHook> logger)
{
    public const string HttpClientName = "claims-hook";
    public const int MaxResponseBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly ClaimsHookOptions _options = options.Value;

    /// <param name="userClaims">The user's own claims (JSON values by name): the hook's go into the token beside them and
    /// <c>Auth:DefaultClaims</c>, and all of them together must fit the access token's bound.</param>
    public async Task<ClaimsHookVerdict> AskAsync(ClaimsHookCall call, IReadOnlyDictionary<string, string> userClaims, CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return ClaimsHookVerdict.Nothing;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            var answer = await CallAsync(call, timeout.Token);
            if (Read(answer, userClaims, auth.Value.DefaultClaims, out var problem) is { } verdict)
            {
                return verdict;
            }

            Log.ClaimsHookFailed(logger, call.Event, problem!);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException or IOException && !cancellationToken.IsCancellationRequested)
        {
            Log.ClaimsHookFailed(logger, call.Event, e is OperationCanceledException ? $"no answer within {_options.Timeout}" : e.GetType().Name);
        }

        return _options.OnFailure == ClaimsHookFailure.Omit ? ClaimsHookVerdict.Nothing : ClaimsHookVerdict.Unavailable;
    }

    private async Task<JsonElement?> CallAsync(ClaimsHookCall call, CancellationToken cancellationToken)
    {
        // Bytes with a Content-Length rather than a chunked stream: simple hooks (Python's http.server) read only those.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(call, Json));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.Url) { Content = content };
        request.Headers.Authorization = new("Bearer", _options.Secret);
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"status {(int)response.StatusCode}");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var bounded = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (bounded.Length + read > MaxResponseBytes)
            {
                throw new IOException("the answer is too large");
            }

            bounded.Write(buffer, 0, read);
        }

        using var document = JsonDocument.Parse(bounded.ToArray(), new JsonDocumentOptions { AllowDuplicateProperties = false });
        return document.RootElement.Clone();
    }

    /// <summary>The verdict in the hook's answer, or null with the reason it is not usable.</summary>
    private static ClaimsHookVerdict? Read(
        JsonElement? answer, IReadOnlyDictionary<string, string> userClaims, IReadOnlyDictionary<string, string> defaults, out string? problem)
    {
        problem = null;
        if (answer is not { ValueKind: JsonValueKind.Object } root)
        {
            problem = "the answer is not a JSON object";
            return null;
        }

        if (root.TryGetProperty("deny", out var deny) && deny.ValueKind == JsonValueKind.True)
        {
            var reason = root.TryGetProperty("reason", out var given) && given.ValueKind == JsonValueKind.String ? given.GetString() : null;
            return ClaimsHookVerdict.Deny(reason is { Length: <= 200 } ? reason : null);
        }

        if (!root.TryGetProperty("claims", out var claims))
        {
            return ClaimsHookVerdict.Nothing;
        }

        if (claims.ValueKind != JsonValueKind.Object)
        {
            problem = "claims is not an object";
            return null;
        }

        // The answer was parsed refusing duplicate names, so each claim is here once.
        var added = claims.EnumerateObject().ToDictionary(c => c.Name, c => c.Value.Clone(), StringComparer.Ordinal);

        // The hook's claims win over the user's own, which win over the defaults: all of them must fit together.
        var inToken = userClaims.ToDictionary(c => c.Key, c => JsonSerializer.Deserialize<JsonElement>(c.Value), StringComparer.Ordinal);
        foreach (var (name, value) in added)
        {
            inToken[name] = value;
        }

        if (CustomClaims.AccessTokenProblem(inToken, defaults) is { } unfit)
        {
            problem = unfit;
            return null;
        }

        return new ClaimsHookVerdict(ClaimsHookOutcome.Issue, added, null);
    }
}
