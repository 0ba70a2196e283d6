using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace SessionService.Api.Gateway.Verification;

/// <summary>
/// Finds the consumer token of a request where <c>Gateway:UriParamNames</c>, <c>CookieNames</c> and
/// <c>HeaderNames</c> say, as Kong's JWT plugin does. Every place is read, not just the first that has a
/// token: a request carrying two different tokens is refused, since the proxy and the upstream could
/// each pick a different one (JWT smuggling). Names match case-insensitively for the same reason: an
/// upstream that reads <c>JWT</c> for <c>jwt</c> must not see a token this search missed.
/// </summary>
public sealed class GatewayTokenLocator
{
    private readonly string[] _uriParamNames;
    private readonly string[] _cookieNames;
    private readonly string[] _headerNames;

    public GatewayTokenLocator(IOptions<GatewayOptions> options)
    {
        _uriParamNames = [.. options.Value.UriParamNameList];
        _cookieNames = [.. options.Value.CookieNameList];
        _headerNames = [.. options.Value.HeaderNameList];
    }

    /// <summary>The query of an original URI such as <c>X-Original-URI</c> (<c>/a?b=c#d</c> → <c>?b=c</c>), or null.</summary>
    public static string? QueryOf(string? uri)
    {
        if (string.IsNullOrEmpty(uri))
        {
            return null;
        }

        var withoutFragment = uri.AsSpan();
        var fragment = withoutFragment.IndexOf('#');
        if (fragment >= 0)
        {
            withoutFragment = withoutFragment[..fragment];
        }

        var start = withoutFragment.IndexOf('?');
        return start < 0 ? null : withoutFragment[start..].ToString();
    }

    /// <param name="rawQuery">The request's query string, with or without its leading <c>?</c>; may be null or empty.</param>
    /// <param name="headers">The request's headers, its <c>Cookie</c> header(s) included.</param>
    public TokenSearch Locate(string? rawQuery, IHeaderDictionary headers)
    {
        var found = new Found();
        if (_uriParamNames.Length > 0 && !string.IsNullOrEmpty(rawQuery))
        {
            SearchQuery(rawQuery, ref found);
        }

        if (_cookieNames.Length > 0 && !found.Conflict)
        {
            SearchCookies(headers, ref found);
        }

        foreach (var name in _headerNames)
        {
            if (found.Conflict)
            {
                break;
            }

            var bearerOnly = string.Equals(name, HeaderNames.Authorization, StringComparison.OrdinalIgnoreCase);
            foreach (var value in headers[name])
            {
                found.Add(TokenOfHeader(value, bearerOnly));
            }
        }

        return found.Conflict ? TokenSearch.Multiple
            : found.Token is null ? TokenSearch.None
            : TokenSearch.Found(found.Token);
    }

    private void SearchQuery(string rawQuery, ref Found found)
    {
        foreach (var pair in new QueryStringEnumerable(rawQuery))
        {
            if (found.Conflict)
            {
                return;
            }

            if (Names(_uriParamNames, pair.DecodeName().Span))
            {
                found.Add(pair.DecodeValue().ToString());
            }
        }
    }

    private void SearchCookies(IHeaderDictionary headers, ref Found found)
    {
        foreach (var line in headers.Cookie)
        {
            if (string.IsNullOrEmpty(line))
            {
                continue;
            }

            if (CookieHeaderValue.TryParseList([line], out var cookies))
            {
                foreach (var cookie in cookies)
                {
                    if (Names(_cookieNames, cookie.Name.AsSpan()))
                    {
                        found.Add(Unquoted(cookie.Value.AsSpan()).ToString());
                    }
                }
            }
            else
            {
                SearchUnparsableCookies(line, ref found);
            }
        }
    }

    /// <summary>
    /// A line ASP.NET refuses whole (a comma between cookies, say) may still give an upstream a token:
    /// other parsers split at ',' as well as ';'. So its pieces are searched the lenient way.
    /// </summary>
    private void SearchUnparsableCookies(string line, ref Found found)
    {
        foreach (var piece in line.Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = piece.IndexOf('=');
            if (equals > 0 && Names(_cookieNames, piece.AsSpan(0, equals).Trim()))
            {
                found.Add(Unquoted(piece.AsSpan(equals + 1).Trim()).ToString());
            }
        }
    }

    /// <summary>
    /// <c>Bearer &lt;token&gt;</c> (scheme case-insensitive) for any header; a header other than
    /// <c>Authorization</c> may carry the bare token instead.
    /// </summary>
    private static string? TokenOfHeader(string? value, bool bearerOnly)
    {
        var text = value.AsSpan().Trim();
        const string scheme = "Bearer";
        if (text.Length > scheme.Length
            && text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && char.IsWhiteSpace(text[scheme.Length]))
        {
            return text[scheme.Length..].Trim().ToString();
        }

        if (text.IsEmpty || bearerOnly || text.Equals(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return text.Length == value!.Length ? value : text.ToString();
    }

    private static ReadOnlySpan<char> Unquoted(ReadOnlySpan<char> value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    private static bool Names(string[] names, ReadOnlySpan<char> name)
    {
        foreach (var candidate in names)
        {
            if (name.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The one token seen so far, or a conflict once a different one turns up.</summary>
    private struct Found
    {
        public string? Token;
        public bool Conflict;

        public void Add(string? token)
        {
            if (string.IsNullOrEmpty(token) || Conflict)
            {
                return;
            }

            if (Token is null)
            {
                Token = token;
            }
            else if (!string.Equals(Token, token, StringComparison.Ordinal))
            {
                Conflict = true;
            }
        }
    }
}
