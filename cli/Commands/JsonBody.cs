using System.Text.Json.Nodes;

namespace SessionService.Cli.Commands;

/// <summary>A request body with only the fields that were given (absent options send nothing).</summary>
public static class JsonBody
{
    public static JsonObject Of(params (string Name, JsonNode? Value)[] fields)
    {
        var body = new JsonObject();
        foreach (var (name, value) in fields)
        {
            if (value is not null)
            {
                body[name] = value;
            }
        }

        return body;
    }

    public static JsonArray? Array(string[]? values) =>
        values is { Length: > 0 } ? new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]) : null;
}
