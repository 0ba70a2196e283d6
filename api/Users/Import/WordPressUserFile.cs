using System.Globalization;
using System.Text.Json;

namespace SessionService.Api.Users.Import;

/// <summary>
/// Reads a JSON export of WordPress's <c>wp_users</c> table: an array of row objects (WP-CLI, a MySQL
/// <c>JSON_ARRAYAGG</c> query), <c>{"users": [...]}</c>, or phpMyAdmin's JSON export (its one table's <c>data</c>).
/// <c>ID</c> may be a number or a numeric string, as the exporters differ; columns it does not use are ignored.
/// </summary>
public static class WordPressUserFile
{
    public const int MaxRows = 10_000;
    public const int MaxFieldLength = 1024;

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 8,
    };

    /// <summary>The rows, or why the file cannot be imported (with the row's zero-based index when one row is at fault).</summary>
    public static (IReadOnlyList<WordPressUserRow>? Rows, string? Problem, int? Index) Read(ReadOnlyMemory<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            return (null, $"The body is not valid JSON: {e.Message}", null);
        }

        using (document)
        {
            if (RowArray(document.RootElement) is not { } rows)
            {
                return (null, "Send an array of wp_users rows, or an object with a 'users' array.", null);
            }

            var count = rows.GetArrayLength();
            if (count > MaxRows)
            {
                return (null, $"At most {MaxRows} rows per request; split the export (a repeated import skips users already moved).", null);
            }

            var read = new List<WordPressUserRow>(count);
            var index = 0;
            foreach (var element in rows.EnumerateArray())
            {
                if (ReadRow(element, out var problem) is not { } row)
                {
                    return (null, problem, index);
                }

                read.Add(row);
                index++;
            }

            return (read, null, null);
        }
    }

    private static JsonElement? RowArray(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object)
        {
            return root.TryGetProperty("users", out var users) && users.ValueKind == JsonValueKind.Array ? users : null;
        }

        if (root.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        // phpMyAdmin writes a header, the database, then each table as {"type": "table", "name": ..., "data": [rows]}.
        var tables = root.EnumerateArray()
            .Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
            .ToList();
        if (tables.Count == 0)
        {
            return root;
        }

        var withData = tables.Where(t => t.GetProperty("type").ValueEquals("table") && t.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array).ToList();
        if (withData.Count > 1)
        {
            // Several tables exported together (wp_users with wp_usermeta): the users table, whatever its prefix.
            withData = [.. withData.Where(t => t.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                && name.GetString()!.EndsWith("users", StringComparison.Ordinal))];
        }

        return withData.Count == 1 ? withData[0].GetProperty("data") : null;
    }

    private static WordPressUserRow? ReadRow(JsonElement row, out string? problem)
    {
        problem = null;
        if (row.ValueKind != JsonValueKind.Object)
        {
            problem = "Each row is a JSON object.";
            return null;
        }

        if (Id(row, out problem) is not { } id
            || Text(row, "user_login", required: true, ref problem) is not { } login
            || Text(row, "user_pass", required: true, ref problem) is not { } hash)
        {
            return null;
        }

        var email = Text(row, "user_email", required: false, ref problem);
        var displayName = Text(row, "display_name", required: false, ref problem);
        var firstName = Text(row, "first_name", required: false, ref problem);
        var lastName = Text(row, "last_name", required: false, ref problem);
        return problem is null ? new WordPressUserRow(id, login, hash, email, displayName, firstName, lastName) : null;
    }

    private static long? Id(JsonElement row, out string? problem)
    {
        problem = null;
        if (!row.TryGetProperty("ID", out var value))
        {
            problem = "The row has no ID.";
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString(),
            _ => null,
        };
        if (text is not null && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id is >= 1 and <= MaxNumber)
        {
            return id;
        }

        problem = $"ID must be an integer from 1 to {MaxNumber} (a number or a numeric string).";
        return null;
    }

    private const long MaxNumber = Apis.UsersApi.MaxUserNumber;

    /// <summary>The string value; null for absent, JSON null or "" (and a problem when a required one is missing or the value is no string).</summary>
    private static string? Text(JsonElement row, string name, bool required, ref string? problem)
    {
        if (problem is not null)
        {
            return null;
        }

        row.TryGetProperty(name, out var value);
        var text = value.ValueKind switch
        {
            JsonValueKind.String => StringOrNull(value) ?? Refuse(ref problem, $"{name} is not valid Unicode text."),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => Refuse(ref problem, $"{name} must be a string."),
        };
        if (text is { Length: > MaxFieldLength })
        {
            return Refuse(ref problem, $"{name} must have at most {MaxFieldLength} characters.");
        }

        if (string.IsNullOrEmpty(text))
        {
            return required ? Refuse(ref problem, $"The row has no {name}.") : null;
        }

        return text;
    }

    private static string? StringOrNull(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate.
            return null;
        }
    }

    private static string? Refuse(ref string? problem, string detail)
    {
        problem ??= detail;
        return null;
    }
}
