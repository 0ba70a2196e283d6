using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionService.Cli.Commands;

/// <summary>
/// <c>--claim name=value</c>: the value is taken as JSON when it is a JSON value (<c>5</c>, <c>true</c>,
/// <c>["a","b"]</c>, <c>"5"</c>), otherwise as a string, so <c>team=blue</c> needs no quoting.
/// </summary>
public static class ClaimArguments
{
    public static JsonObject? Parse(string[]? claims)
    {
        if (claims is not { Length: > 0 })
        {
            return null;
        }

        var parsed = new JsonObject();
        foreach (var claim in claims)
        {
            var split = claim.IndexOf('=');
            if (split <= 0)
            {
                throw CliFailure.Usage("invalid_claim", $"--claim takes name=value, got '{claim}'.");
            }

            var name = claim[..split];
            if (parsed.ContainsKey(name))
            {
                throw CliFailure.Usage("invalid_claim", $"--claim {name} is given twice.");
            }

            parsed[name] = Value(claim[(split + 1)..]);
        }

        return parsed;
    }

    private static JsonNode? Value(string text)
    {
        try
        {
            return JsonNode.Parse(text) ?? JsonValue.Create((string?)null);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
