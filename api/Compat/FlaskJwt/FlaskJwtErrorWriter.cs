using SessionService.Api.Http;

namespace SessionService.Api.Compat.FlaskJwt;

/// <summary>
/// Flask-JWT's envelope, <c>{"status_code", "error", "description"}</c>: its <c>JWTError</c> title goes in
/// <see cref="ApiError.Code"/> and its description in <see cref="ApiError.Detail"/>. Errors of ours on the
/// surface (rate limit, lockout, ...) keep our code as <c>error</c>.
/// </summary>
public sealed class FlaskJwtErrorWriter : IErrorWriter
{
    public static readonly FlaskJwtErrorWriter Instance = new();

    public Task WriteAsync(HttpContext http, ApiError error)
    {
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsJsonAsync(new FlaskJwtError(error.Status, error.Code, error.Detail), http.RequestAborted);
    }
}

/// <summary>The body of a Flask-JWT error (property names as Flask-JWT writes them).</summary>
public sealed record FlaskJwtError(
    [property: System.Text.Json.Serialization.JsonPropertyName("status_code")] int StatusCode,
    [property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error,
    [property: System.Text.Json.Serialization.JsonPropertyName("description")] string Description);
