using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SessionService.Api.Http;
using SessionService.Api.Revocations;
using SessionService.Api.Tokens;

namespace SessionService.Api.Apis;

/// <summary>
/// The revocation feed for resource servers that verify access tokens themselves (service token with
/// <c>revocations:read</c>): the live entries, and a stream of each new one, resumable from a number.
/// </summary>
public static class RevocationsApi
{
    public static RouteGroupBuilder MapRevocationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/revocations").WithTags("Revocations").RequireScope(ServiceScopes.RevocationsRead);
        group.MapGet("", List).Produces<RevocationList>();
        group.MapGet("/stream", StreamAsync).Produces(StatusCodes.Status200OK, contentType: RevocationStream.ContentType);
        return group;
    }

    /// <summary>Every live entry (with <c>after</c>: numbered above it), by number.</summary>
    public static Ok<RevocationList> List(HttpContext http, RevocationFeed feed)
    {
        var after = ReadPosition(http.Request.Query["after"].ToString(), "after") ?? 0;
        var entries = feed.Since(after);
        http.NoStore();
        return TypedResults.Ok(new RevocationList(Math.Max(after, feed.Cursor).ToString(CultureInfo.InvariantCulture), entries));
    }

    /// <summary>From <c>Last-Event-ID</c> (or <c>after</c>, or the start): the live entries above it, then each new one.</summary>
    public static async Task<IResult> StreamAsync(HttpContext http, RevocationFeed feed, RevocationStream stream)
    {
        var after = ReadPosition(http.Request.Headers["Last-Event-ID"].ToString(), "Last-Event-ID")
            ?? ReadPosition(http.Request.Query["after"].ToString(), "after")
            ?? 0;
        if (feed.Follow(after) is not var (backlog, follower))
        {
            return Problems.WithRetryAfter(http, StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable,
                "This node serves as many revocation streams as it may; try again or another node.", TimeSpan.FromSeconds(5));
        }

        try
        {
            await stream.WriteAsync(http, backlog, follower);
        }
        finally
        {
            feed.Unfollow(follower);
        }

        return TypedResults.Empty;
    }

    /// <summary>A feed position: a decimal number from 0, or null when not given.</summary>
    private static long? ReadPosition(string value, string name)
    {
        if (value.Length == 0)
        {
            return null;
        }

        return value.Length <= 19 && value.All(char.IsAsciiDigit) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            ? position
            : throw BadInputException.Invalid($"'{name}' must be a revocation number (a decimal integer from 0).");
    }
}

/// <summary>The answer of <c>GET /revocations</c>: <see cref="Cursor"/> is the highest number the node has heard of, as a decimal string.</summary>
public sealed record RevocationList(string Cursor, IReadOnlyList<FeedEntry> Entries);
