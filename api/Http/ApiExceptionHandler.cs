using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;

namespace SessionService.Api.Http;

/// <summary>Maps what escaped a handler to a problem response; bad input is always a 4xx.</summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
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

        if (status == 503)
        {
            http.Response.Headers.RetryAfter = "1";
        }

        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = Problems.Details(status, code, detail),
        });
    }
}
