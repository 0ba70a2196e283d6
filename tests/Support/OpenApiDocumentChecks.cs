using System.Reflection;
using System.Text.Json;

namespace SessionService.Tests.Support;

/// <summary>Reading operations, their error codes and examples out of an OpenAPI document (JSON), for the API reference tests.</summary>
public static class OpenApiDocumentChecks
{
    public static List<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        [.. document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => ($"{operation.Name.ToUpperInvariant()} {path.Name}", operation.Value)))];

    public static List<string> ErrorCodesOf(JsonElement operation) =>
        operation.TryGetProperty("x-error-codes", out var codes) ? [.. codes.EnumerateArray().Select(c => c.GetString()!)] : [];

    public static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

    /// <summary>
    /// What an operation lacks: its error codes, an example of a JSON request body or of a success answer with
    /// content, an example of each listed code. Empty when nothing is missing.
    /// </summary>
    public static List<string> Gaps(IEnumerable<(string Name, JsonElement Operation)> operations)
    {
        var gaps = new List<string>();
        foreach (var (name, operation) in operations)
        {
            var codes = ErrorCodesOf(operation);
            if (codes.Count == 0)
            {
                gaps.Add($"{name}: no x-error-codes");
            }

            if (operation.TryGetProperty("requestBody", out var body)
                && body.GetProperty("content").EnumerateObject().Any(m => m.Name.Contains("json") && !m.Value.TryGetProperty("example", out _)))
            {
                gaps.Add($"{name}: a JSON request body without an example");
            }

            var exampled = new List<string>();
            foreach (var response in operation.GetProperty("responses").EnumerateObject())
            {
                var media = response.Value.TryGetProperty("content", out var content) ? content.EnumerateObject().ToList() : [];
                if (response.Name.StartsWith('2') && media.Any(m => !m.Value.TryGetProperty("example", out _)))
                {
                    gaps.Add($"{name}: its {response.Name} answer has no example");
                }

                exampled.AddRange(media.Where(m => m.Value.TryGetProperty("examples", out _))
                    .SelectMany(m => m.Value.GetProperty("examples").EnumerateObject().Select(e => e.Name)));
            }

            gaps.AddRange(codes.Where(code => !exampled.Contains(code)).Select(code => $"{name}: no example of {code}"));
        }

        return gaps;
    }

    /// <summary>The document's example of <paramref name="code"/> has the fields, code and content type of the real answer.</summary>
    public static async Task AssertExampleMatchesAsync(JsonElement document, string path, string status, string code, HttpResponseMessage real)
    {
        var content = document.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("responses").GetProperty(status).GetProperty("content");
        var media = Assert.Single(content.EnumerateObject());
        var example = media.Value.GetProperty("examples").GetProperty(code).GetProperty("value");
        var body = await real.JsonAsync();

        Assert.Equal(status, ((int)real.StatusCode).ToString());
        Assert.Equal(media.Name, real.Content.Headers.ContentType?.MediaType);
        Assert.Equal(body.EnumerateObject().Select(p => p.Name).Where(n => n != "trace_id").Order(), example.EnumerateObject().Select(p => p.Name).Order());
        foreach (var field in new[] { "code", "error", "status", "statusCode", "status_code", "success" }.Where(f => body.TryGetProperty(f, out _)))
        {
            Assert.Equal(body.GetProperty(field).ToString(), example.GetProperty(field).ToString());
        }
    }
}
