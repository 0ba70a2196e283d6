using System.Net;
using System.Text.Json;
using SessionService.Cli.Output;

namespace SessionService.Cli.Http;

/// <summary>Turns a refusal into a <see cref="CliFailure"/> carrying the contract's error code and detail.</summary>
public static class ServiceError
{
    public static CliFailure From(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var (code, detail) = Describe(body);
        code ??= CodeForStatus(response.StatusCode);
        detail ??= response.ReasonPhrase ?? "no detail";
        if (response.Headers.RetryAfter?.Delta is { } wait)
        {
            detail += $" (retry after {(int)wait.TotalSeconds} s)";
        }

        return new CliFailure(status is >= 400 and < 500 ? ExitCodes.Refused : ExitCodes.Unavailable, code, detail, status);
    }

    /// <summary>Problem details carry <c>code</c> and <c>detail</c>; the OAuth and Kong-shaped envelopes use other names.</summary>
    private static (string? Code, string? Detail) Describe(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            return (Text(root, "code") ?? Text(root, "error"),
                    Text(root, "detail") ?? Text(root, "error_description") ?? Text(root, "message") ?? Text(root, "title"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string CodeForStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound => "not_supported",
        HttpStatusCode.ServiceUnavailable => "service_unavailable",
        _ => "http_" + (int)status,
    };

    /// <summary>The one line a failure prints on standard error.</summary>
    public static string Render(CliFailure failure) =>
        "error: " + TerminalText.Safe(failure.Code)
        + (failure.HttpStatus is { } status ? $" (HTTP {status})" : "")
        + ": " + TerminalText.Safe(failure.Message);
}
