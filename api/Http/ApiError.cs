namespace SessionService.Api.Http;

/// <summary>
/// An error answered outside a handler (bad input, rate limit, a failed dependency, an auth challenge),
/// before any surface has chosen its envelope. <see cref="RetryAfter"/> becomes the <c>Retry-After</c> header.
/// </summary>
public sealed record ApiError(int Status, string Code, string Detail, TimeSpan? RetryAfter = null);
