namespace SessionService.Api.Http;

/// <summary>
/// Writes an <see cref="ApiError"/> in one surface's envelope: RFC 9457 problem details for ours, the
/// original's body for a compatibility surface, RFC 6749 errors for OAuth. Chosen per route group with
/// <see cref="ErrorResponses.WithErrorWriter{TBuilder}"/>, never per endpoint.
/// </summary>
public interface IErrorWriter
{
    /// <summary>Writes the body; the status and <c>Retry-After</c> are already set.</summary>
    Task WriteAsync(HttpContext http, ApiError error);
}
