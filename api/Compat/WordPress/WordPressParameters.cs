using System.Text.Json;
using Microsoft.Extensions.Primitives;

namespace SessionService.Api.Compat.WordPress;

/// <summary>
/// The request parameters as WordPress's <c>get_param</c> finds them: the JSON body (when the content type
/// is JSON), then the form body (urlencoded or multipart), then the query string. A parameter sent as an
/// empty string is present; JSON <c>null</c>, arrays and objects are not a value the plugin can use.
/// </summary>
public sealed class WordPressParameters
{
    private readonly Dictionary<string, string> _json;
    private readonly IFormCollection? _form;
    private readonly IQueryCollection _query;

    private WordPressParameters(Dictionary<string, string> json, IFormCollection? form, IQueryCollection query)
    {
        _json = json;
        _form = form;
        _query = query;
    }

    /// <summary>Null when the body claims to be JSON and is not: WordPress core's <c>rest_invalid_json</c>.</summary>
    public static async Task<WordPressParameters?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var json = new Dictionary<string, string>(StringComparer.Ordinal);
        IFormCollection? form = null;
        if (IsJson(request.ContentType))
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, cancellationToken);
            if (body.Length > 0 && !TryReadJson(body.ToArray(), json))
            {
                return null;
            }
        }
        else if (request.HasFormContentType)
        {
            form = await ReadFormAsync(request, cancellationToken);
        }

        return new WordPressParameters(json, form, request.Query);
    }

    /// <summary>PHP reads a form body it cannot parse (an empty multipart body, a broken boundary) as no fields.</summary>
    private static async Task<IFormCollection?> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The value by <c>get_param</c>'s precedence; null when no source sent it.</summary>
    public string? Get(string name) =>
        _json.TryGetValue(name, out var fromJson) ? fromJson
        : FromForm(name) ?? Last(_query[name]);

    /// <summary>Only the form body: where the plugin takes the device name it writes into the access token.</summary>
    public string? FromForm(string name) => _form is null ? null : Last(_form[name]);

    /// <summary>PHP keeps the last of repeated names.</summary>
    private static string? Last(StringValues values) => values.Count == 0 ? null : values[^1];

    private static bool IsJson(string? contentType)
    {
        var type = contentType?.Split(';')[0].Trim() ?? "";
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryReadJson(byte[] body, Dictionary<string, string> values)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return true;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (Scalar(property.Value) is { } value)
                {
                    values[property.Name] = value;
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The string PHP would see for a JSON scalar: numbers as written, true as "1", false as "".</summary>
    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "1",
        JsonValueKind.False => "",
        _ => null,
    };
}
