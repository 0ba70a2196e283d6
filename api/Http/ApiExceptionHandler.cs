using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;

namespace SessionService.Api.Http;

/// <summary>Maps what escaped a handler to a problem response; bad input is always a 4xx.</summary>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, detail) = exception switch
        {
            BadInputException bad => (bad.Status, bad.Code, bad.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (413, ErrorCodes.PayloadTooLarge, "The request body is too large."),
            BadHttpRequestException bad => (bad.StatusCode, ErrorCodes.InvalidRequest, "The request could not be read."),
            JsonException => (400, ErrorCodes.InvalidRequest, "The request body is not valid JSON."),
            OrleansException or TimeoutException => (503, ErrorCodes.ServiceUnavailable, "The cluster did not answer; try again."),
            _ => (500, ErrorCodes.InternalError, "Unexpected error."),
        };

        if (status >= 500)
        {
            Log.RequestFailed(logger, exception, http.Request.Method, http.Request.Path);
        }

        // A failed dependency is worth retrying soon; anything else will fail the same way again.
        var retryAfter = status == StatusCodes.Status503ServiceUnavailable ? TimeSpan.FromSeconds(1) : (TimeSpan?)null;
        await ErrorResponses.WriteAsync(http, new ApiError(status, code, detail, retryAfter));
        return true;
    }
}
