using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace SessionService.Api.Http;

/// <summary>RFC 9457 problem details carrying the contract's <c>code</c>.</summary>
public static class Problems
{
    public const string Realm = "session-service";

    public static ProblemHttpResult Create(int status, string code, string detail) =>
        TypedResults.Problem(Details(status, code, detail));

    public static ProblemDetails Details(int status, string code, string detail) => new()
    {
        Status = status,
        Title = ReasonPhrases.GetReasonPhrase(status),
        Detail = detail,
        Extensions = { ["code"] = code },
    };

    /// <summary>A 401 about a token, with the RFC 6750 challenge.</summary>
    public static ProblemHttpResult TokenRejected(HttpContext http, string code, string detail)
    {
        SetBearerChallenge(http, code);
        return Create(StatusCodes.Status401Unauthorized, code, detail);
    }

    /// <summary>The RFC 6750 <c>WWW-Authenticate</c> header for a refused or missing token.</summary>
    public static void SetBearerChallenge(HttpContext http, string code) =>
        http.Response.Headers.WWWAuthenticate = code == ErrorCodes.NoAuthHeader
            ? $"Bearer realm=\"{Realm}\""
            : $"Bearer realm=\"{Realm}\", error=\"invalid_token\", error_description=\"{code}\"";

    /// <summary>A problem about one entry of a list the client sent (an import file), named by its zero-based <c>index</c>.</summary>
    public static ProblemHttpResult AtIndex(int status, string code, string detail, int? index)
    {
        var problem = Details(status, code, detail);
        if (index is { } at)
        {
            problem.Extensions["index"] = at;
        }

        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult BadRequest(string code, string detail) =>
        Create(StatusCodes.Status400BadRequest, code, detail);

    public static ProblemHttpResult WithRetryAfter(HttpContext http, int status, string code, string detail, TimeSpan retryAfter)
    {
        ErrorResponses.SetRetryAfter(http, retryAfter);
        return Create(status, code, detail);
    }
}

/// <summary>Thrown for input that cannot be read at all; turned into a 4xx problem by <see cref="ApiExceptionHandler"/>.</summary>
public sealed class BadInputException(int status, string code, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Code { get; } = code;

    public static BadInputException Invalid(string detail) => new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, detail);
}
