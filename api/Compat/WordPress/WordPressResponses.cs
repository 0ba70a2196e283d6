using System.Text.Json;
using SessionService.Api.Http;

namespace SessionService.Api.Compat.WordPress;

/// <summary>
/// The plugin's envelope, keys in its order: <c>success</c>, <c>statusCode</c>, <c>code</c>, <c>message</c>,
/// then <c>data</c> — <c>[]</c> when empty, left out where the plugin leaves it out. The HTTP status is
/// always <c>statusCode</c>. Also WordPress core's own error shape for the few answers outside the plugin.
/// </summary>
public static class WordPressResponses
{
    public static IResult Success(string code, string message, Action<Utf8JsonWriter>? writeData, bool withData = true) =>
        new Envelope(StatusCodes.Status200OK, true, code, message, withData ? writeData ?? WriteEmpty : null, null);

    /// <summary>A 401 with <c>data: []</c>.</summary>
    public static IResult Unauthorized(string code, string message) =>
        new Envelope(StatusCodes.Status401Unauthorized, false, code, message, WriteEmpty, null);

    /// <summary>A 401 without <c>data</c>, as the refresh-token answers are.</summary>
    public static IResult UnauthorizedNoData(string code, string message) =>
        new Envelope(StatusCodes.Status401Unauthorized, false, code, message, null, null);

    /// <summary>An error of ours (lockout, a failed dependency) in the plugin's envelope, with <c>Retry-After</c> when it has one.</summary>
    public static IResult Error(ApiError error) =>
        new Envelope(error.Status, false, error.Code, error.Detail, WriteEmpty, error.RetryAfter);

    /// <summary>WordPress core: a route or method it does not know.</summary>
    public static IResult NoRoute() =>
        Core(StatusCodes.Status404NotFound, WordPressCodes.RestNoRoute, "No route was found matching the URL and request method.");

    /// <summary>WordPress core: a JSON content type with a body that is not JSON.</summary>
    public static IResult InvalidJson() =>
        Core(StatusCodes.Status400BadRequest, WordPressCodes.RestInvalidJson, WordPressMessages.InvalidJson);

    /// <summary>WordPress core's error shape, <c>{code, message, data: {status}}</c>.</summary>
    public static IResult Core(int status, string code, string message) => new CoreError(status, code, message);

    public static Task WriteAsync(HttpContext http, int status, bool success, string code, string message, Action<Utf8JsonWriter>? writeData)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=UTF-8";
        http.Response.Headers.CacheControl = "no-store";
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteBoolean("success", success);
            json.WriteNumber("statusCode", status);
            json.WriteString("code", code);
            json.WriteString("message", message);
            if (writeData is not null)
            {
                json.WritePropertyName("data");
                writeData(json);
            }

            json.WriteEndObject();
        }

        return http.Response.Body.WriteAsync(body.ToArray(), http.RequestAborted).AsTask();
    }

    private static void WriteEmpty(Utf8JsonWriter json)
    {
        json.WriteStartArray();
        json.WriteEndArray();
    }

    private sealed record Envelope(int Status, bool Succeeded, string Code, string Message, Action<Utf8JsonWriter>? Data, TimeSpan? RetryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (RetryAfter is { } wait)
            {
                ErrorResponses.SetRetryAfter(httpContext, wait);
            }

            return WriteAsync(httpContext, Status, Succeeded, Code, Message, Data);
        }
    }

    private sealed record CoreError(int Status, string Code, string Message) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = Status;
            httpContext.Response.ContentType = "application/json; charset=UTF-8";
            return httpContext.Response.WriteAsJsonAsync(new { code = Code, message = Message, data = new { status = Status } }, httpContext.RequestAborted);
        }
    }
}

/// <summary>
/// Errors raised outside the handlers (rate limit, bad input, a failed dependency) in the plugin's envelope;
/// WordPress core's own codes (<c>rest_*</c>) in core's.
/// </summary>
public sealed class WordPressErrorWriter : IErrorWriter
{
    public static readonly WordPressErrorWriter Instance = new();

    public Task WriteAsync(HttpContext http, ApiError error) =>
        WordPressCodes.IsCore(error.Code)
            ? WordPressResponses.Core(error.Status, error.Code, error.Detail).ExecuteAsync(http)
            : WordPressResponses.WriteAsync(http, error.Status, false, error.Code, error.Detail, json =>
            {
                json.WriteStartArray();
                json.WriteEndArray();
            });
}
