using SessionService.Api.Gateway;

namespace SessionService.Api.Routes;

/// <summary>
/// The request a route token is presented with: for <c>/routes/verify</c> the one the proxy names in
/// <c>X-Original-URI</c> (else <c>X-Forwarded-Uri</c>), read as the gateway reads it (<see cref="GatewayRequest"/>).
/// </summary>
public sealed record OriginalRequest(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Query)
{
    public const string TokenParameter = "jwt";

    /// <summary>Null when the proxy named no original URI.</summary>
    public static OriginalRequest? FromForwardAuth(HttpRequest request)
    {
        var uri = GatewayRequest.OriginalUriOf(request);
        if (uri is null)
        {
            return null;
        }

        var end = uri.IndexOf('#');
        var withoutFragment = end < 0 ? uri : uri[..end];
        var queryStart = withoutFragment.IndexOf('?');
        var path = queryStart < 0 ? withoutFragment : withoutFragment[..queryStart];
        var query = queryStart < 0 ? "" : withoutFragment[(queryStart + 1)..];
        return new(GatewayRequest.OriginalMethodOf(request), path, ParseQuery(query));
    }

    /// <summary>
    /// Every name and value, decoded, in order, repeats kept (so a repeat can be refused). Names are
    /// case-sensitive, unlike ASP.NET Core's own query collection.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseQuery(string query)
    {
        List<KeyValuePair<string, string>> pairs = [];
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            pairs.Add(new(Decode(name), Decode(value)));
        }

        return pairs;
    }

    /// <summary>The one <c>jwt</c> parameter, or null when there is none or more than one.</summary>
    public string? Token()
    {
        var tokens = Query.Where(p => p.Key == TokenParameter).Select(p => p.Value).ToList();
        return tokens.Count == 1 && tokens[0].Length > 0 ? tokens[0] : null;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
