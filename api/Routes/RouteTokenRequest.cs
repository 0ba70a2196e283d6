using System.Collections.Immutable;
using SessionService.Api.Http;

namespace SessionService.Api.Routes;

/// <summary>The body of <c>POST /routes</c>, read and checked; anything unusable is a 400 <c>invalid_request</c>.</summary>
public sealed record RouteTokenRequest(
    string Method, string Path, ImmutableSortedDictionary<string, string> Query, bool ActAsMe, long ExpiresIn, int? MaxUses)
{
    public const int MaxQueryBindings = 20;
    public const int MaxQueryTextLength = 1024;
    public const int MaxUsesLimit = 1_000_000;

    private static readonly HashSet<string> Methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

    public static RouteTokenRequest Read(RequestFields fields, RouteTokenOptions options)
    {
        var path = fields.RequiredString("path", RoutePath.MaxLength);
        if (!RoutePath.IsCanonical(path))
        {
            throw BadInputException.Invalid(
                "Field 'path' must be an absolute path in canonical form: no '..' or '.' segments, empty segments, ';', backslashes, "
                + "encoded '/', '\\' or unreserved characters, and escapes in uppercase hex; no query (use 'query').");
        }

        var method = fields.OptionalString("method", 16) ?? "GET";
        if (!Methods.Contains(method))
        {
            throw BadInputException.Invalid($"Field 'method' must be one of {string.Join(", ", Methods)}.");
        }

        return new RouteTokenRequest(
            method,
            path,
            ReadQuery(fields),
            fields.OptionalBoolean("act_as_me") ?? false,
            fields.OptionalInteger("expires_in", 1, options.MaxLifetimeSeconds) ?? options.DefaultLifetimeSeconds,
            (int?)fields.OptionalInteger("max_uses", 1, MaxUsesLimit));
    }

    private static ImmutableSortedDictionary<string, string> ReadQuery(RequestFields fields)
    {
        if (fields.OptionalObject("query") is not { } query)
        {
            return ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
        }

        var bound = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var item in query.EnumerateObject())
        {
            if (item.Value.ValueKind != System.Text.Json.JsonValueKind.String)
            {
                throw BadInputException.Invalid("Field 'query' must map names to string values.");
            }

            var value = item.Value.GetString()!;
            if (item.Name.Length is 0 or > MaxQueryTextLength || value.Length > MaxQueryTextLength
                || item.Name.Any(char.IsControl) || value.Any(char.IsControl))
            {
                throw BadInputException.Invalid($"Field 'query' names must be 1 to {MaxQueryTextLength} characters, values at most {MaxQueryTextLength}, without control characters.");
            }

            if (item.Name == OriginalRequest.TokenParameter)
            {
                throw BadInputException.Invalid("Field 'query' cannot bind 'jwt': the link carries the token there.");
            }

            bound[item.Name] = value;
        }

        if (bound.Count > MaxQueryBindings)
        {
            throw BadInputException.Invalid($"Field 'query' binds at most {MaxQueryBindings} parameters.");
        }

        return bound.ToImmutable();
    }
}
