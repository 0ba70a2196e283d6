namespace SessionService.Api.Http;

/// <summary>A handler's error answered like one raised outside it: status and <c>Retry-After</c> by <see cref="ErrorResponses"/>, the body in the route group's envelope.</summary>
public sealed class ApiErrorResult(ApiError error) : IResult
{
    public ApiError Error { get; } = error;

    public Task ExecuteAsync(HttpContext httpContext) => ErrorResponses.WriteAsync(httpContext, Error);
}
