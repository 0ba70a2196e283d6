namespace SessionService.Api.Http;

/// <summary>
/// A 200 whose JSON body is already rendered. Cheaper than <c>TypedResults.Bytes</c>, which also
/// evaluates range and conditional-request headers that a token check never uses.
/// </summary>
public sealed class JsonBytesResult(byte[] body) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body).AsTask();
    }
}
