namespace SessionService.Api.Http;

/// <summary>This service's own envelope: RFC 9457 problem details with the contract's <c>code</c>.</summary>
public sealed class ProblemErrorWriter : IErrorWriter
{
    public static readonly ProblemErrorWriter Instance = new();

    // The problem result falls back to plain JSON when the client's Accept header rules out problem+json.
    public Task WriteAsync(HttpContext http, ApiError error) =>
        Problems.Create(error.Status, error.Code, error.Detail).ExecuteAsync(http);
}
