using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Primitives;

namespace SessionService.Api.Http;

/// <summary>
/// The fields of a request body, from JSON, urlencoded or multipart forms alike (JWT clients post forms).
/// Reading is bounded; anything unreadable becomes a <see cref="BadInputException"/>.
/// </summary>
public sealed class RequestFields
{
    public const int MaxBodyBytes = 16 * 1024;
    public const int MaxFieldLength = 4096;

    private readonly Dictionary<string, List<JsonElement>>? _json;
    private readonly IFormCollection? _form;

    private RequestFields(Dictionary<string, List<JsonElement>>? json, IFormCollection? form)
    {
        _json = json;
        _form = form;
    }

    public static readonly RequestFields Empty = new(null, null);

    public static async Task<RequestFields> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw TooLarge();
        }

        var contentType = request.ContentType;
        if (string.IsNullOrEmpty(contentType))
        {
            var bytes = await ReadBoundedAsync(request.Body, cancellationToken);
            return bytes.Length == 0 ? Empty : throw new BadInputException(415, ErrorCodes.UnsupportedMediaType, "Send application/json or a form.");
        }

        if (request.HasJsonContentType())
        {
            return new RequestFields(ParseJsonObject(await ReadBoundedAsync(request.Body, cancellationToken)), null);
        }

        if (request.HasFormContentType)
        {
            var buffered = await ReadBoundedAsync(request.Body, cancellationToken);
            if (request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
                && !IsUtf8(System.Web.HttpUtility.UrlDecodeToBytes(buffered)))
            {
                // The form reader would keep undecodable escapes such as %FF as literal text.
                throw BadInputException.Invalid("The form body is not valid UTF-8.");
            }

            request.Body = new MemoryStream(buffered);
            try
            {
                return new RequestFields(null, await request.ReadFormAsync(cancellationToken));
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                throw BadInputException.Invalid("The form body could not be read.");
            }
        }

        throw new BadInputException(415, ErrorCodes.UnsupportedMediaType, "Send application/json, application/x-www-form-urlencoded or multipart/form-data.");
    }

    /// <param name="multiline">Line breaks (CR, LF) allowed, as in a PEM block; other controls never are.</param>
    public string? OptionalString(string name, int maxLength = MaxFieldLength, bool multiline = false)
    {
        string? value;
        if (_json is not null)
        {
            if (JsonField(name) is not { } element)
            {
                return null;
            }

            value = element.ValueKind == JsonValueKind.String
                ? ReadJsonString(name, element)
                : throw BadInputException.Invalid($"Field '{name}' must be a string.");
        }
        else if (_form is not null && _form.TryGetValue(name, out var values))
        {
            value = Once(name, values);
        }
        else
        {
            return null;
        }

        CheckText(name, value!, maxLength, multiline);
        return value;
    }

    public string RequiredString(string name, int maxLength = MaxFieldLength) =>
        OptionalString(name, maxLength) is { Length: > 0 } value
            ? value
            : throw BadInputException.Invalid($"Field '{name}' is required.");

    /// <summary>True for a JSON body: only JSON can carry object fields (<see cref="OptionalObject"/>).</summary>
    public bool IsJson => _json is not null;

    /// <summary>The names of the fields given.</summary>
    public IEnumerable<string> Names => _json?.Keys ?? _form?.Keys ?? Enumerable.Empty<string>();

    /// <summary>True when a JSON body gives the field as <c>null</c> (in a merge patch: clear it).</summary>
    public bool IsNull(string name) =>
        _json is not null && _json.TryGetValue(name, out var values) && Once(name, values).ValueKind == JsonValueKind.Null;

    /// <summary>A JSON object field (JSON bodies only).</summary>
    public JsonElement? OptionalObject(string name)
    {
        if (JsonField(name) is not { } element)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw BadInputException.Invalid($"Field '{name}' must be a JSON object.");
        }

        RefuseRepeatedKeys(name, element);
        return element;
    }

    public long? OptionalInteger(string name, long min, long max)
    {
        long? value = null;
        if (_json is null)
        {
            if (OptionalString(name) is { } text)
            {
                value = long.TryParse(text, out var parsed) ? parsed : long.MinValue;
            }
        }
        else if (JsonField(name) is { } element)
        {
            value = element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var parsed) ? parsed : long.MinValue;
        }

        return value is null || (value >= min && value <= max)
            ? value
            : throw BadInputException.Invalid($"Field '{name}' must be an integer from {min} to {max}.");
    }

    /// <summary>A JSON <c>true</c> / <c>false</c>, or a form's <c>true</c> / <c>false</c>.</summary>
    public bool? OptionalBoolean(string name)
    {
        if (_json is null)
        {
            return OptionalString(name) switch
            {
                null => null,
                "true" => true,
                "false" => false,
                _ => throw BadInputException.Invalid($"Field '{name}' must be true or false."),
            };
        }

        return JsonField(name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            _ => throw BadInputException.Invalid($"Field '{name}' must be true or false."),
        };
    }

    public IReadOnlyList<string>? OptionalStringArray(string name, int maxItems, int maxLength)
    {
        List<string> items = [];
        if (_json is not null)
        {
            if (JsonField(name) is not { } element)
            {
                return null;
            }

            if (element.ValueKind != JsonValueKind.Array)
            {
                throw BadInputException.Invalid($"Field '{name}' must be an array of strings.");
            }

            foreach (var item in element.EnumerateArray())
            {
                items.Add(item.ValueKind == JsonValueKind.String ? ReadJsonString(name, item) : throw BadInputException.Invalid($"Field '{name}' must be an array of strings."));
            }
        }
        else if (_form is not null && _form.TryGetValue(name, out var values))
        {
            items.AddRange(values.OfType<string>());
        }
        else
        {
            return null;
        }

        if (items.Count > maxItems)
        {
            throw BadInputException.Invalid($"Field '{name}' has more than {maxItems} items.");
        }

        items.ForEach(item => CheckText(name, item, maxLength));
        return items;
    }

    /// <summary>A JSON field's value, or null when absent or JSON null.</summary>
    private JsonElement? JsonField(string name) =>
        _json is not null && _json.TryGetValue(name, out var values) && Once(name, values) is { ValueKind: not JsonValueKind.Null } element
            ? element
            : null;

    /// <summary>
    /// The one value of a field. A repeated field is refused, in JSON and forms alike: parsers disagree on
    /// which copy wins, so a body with two usernames could mean one thing to a proxy and another here.
    /// </summary>
    private static T Once<T>(string name, IReadOnlyList<T> values) => values.Count == 1 ? values[0] : throw Repeated(name);

    private static void RefuseRepeatedKeys(string path, JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                RefuseRepeatedKeys(path, item);
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                var inner = $"{path}.{property.Name}";
                RefuseRepeatedKeys(inner, property.Value);
                if (!names.Add(property.Name))
                {
                    throw Repeated(inner);
                }
            }
        }
    }

    private static BadInputException Repeated(string name) => BadInputException.Invalid($"Field '{name}' must be given once.");

    private static string ReadJsonString(string name, JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate such as \ud800 cannot become a string.
            throw BadInputException.Invalid($"Field '{name}' is not valid Unicode text.");
        }
    }

    private static bool IsUtf8(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    private static void CheckText(string name, string value, int maxLength, bool multiline = false)
    {
        if (value.Length > maxLength)
        {
            throw BadInputException.Invalid($"Field '{name}' is longer than {maxLength} characters.");
        }

        // U+FFFD is what a form decoder leaves of bytes that were not UTF-8; lone surrogates come from JSON escapes.
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var pairedSurrogate = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
            if (pairedSurrogate)
            {
                i++;
            }
            else if ((char.IsControl(c) && !(multiline && c is '\n' or '\r')) || char.IsSurrogate(c) || c == '\uFFFD')
            {
                throw BadInputException.Invalid($"Field '{name}' contains control characters or invalid UTF-8.");
            }
        }
    }

    private static Dictionary<string, List<JsonElement>> ParseJsonObject(byte[] body)
    {
        // The JSON reader checks UTF-8 only when a string is read; check the whole body up front.
        if (!IsUtf8(body))
        {
            throw BadInputException.Invalid("The request body is not valid UTF-8.");
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw BadInputException.Invalid("The request body must be a JSON object.");
            }

            var fields = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!fields.TryGetValue(property.Name, out var values))
                {
                    fields[property.Name] = values = [];
                }

                values.Add(property.Value.Clone());
            }

            return fields;
        }
        catch (JsonException)
        {
            throw BadInputException.Invalid("The request body is not valid JSON (or not UTF-8).");
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static BadInputException TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, $"The request body is larger than {MaxBodyBytes} bytes.");
}
