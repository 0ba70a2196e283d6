using System.Globalization;

namespace SessionService.Api.Http;

/// <summary>
/// The one place that answers errors raised outside handlers and writes <c>Retry-After</c>: the status and
/// header here, the body by the error writer of the endpoint's route group (problem details by default).
/// </summary>
public static class ErrorResponses
{
    public static Task WriteAsync(HttpContext http, ApiError error)
    {
        http.Response.StatusCode = error.Status;
        if (error.RetryAfter is { } retryAfter)
        {
            SetRetryAfter(http, retryAfter);
        }

        // The exception handler clears the endpoint before it runs; the one that threw is kept in its feature.
        var endpoint = http.GetEndpoint() ?? http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Endpoint;
        var writer = endpoint?.Metadata.GetMetadata<IErrorWriter>() ?? ProblemErrorWriter.Instance;
        return writer.WriteAsync(http, error);
    }

    /// <summary>Whole seconds, rounded up, at least one: a client told "0" would retry at once.</summary>
    public static void SetRetryAfter(HttpContext http, TimeSpan retryAfter) =>
        http.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>Answers this group's errors in <paramref name="writer"/>'s envelope.</summary>
    public static TBuilder WithErrorWriter<TBuilder>(this TBuilder builder, IErrorWriter writer) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(writer);
}
