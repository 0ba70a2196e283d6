using System.Text.Json.Nodes;

namespace SessionService.Api.Apis.Reference;

/// <summary>
/// An operation's examples: its request body and its success answer. <see cref="ResponseType"/> names the
/// media type of an answer the generator could not describe (text, an event stream), whose example is text.
/// </summary>
public sealed record OperationExamples(JsonNode? Request, JsonNode? Response, string? ResponseType = null)
{
    public static OperationExamples Json(string? request, string? response) =>
        new(request is null ? null : JsonNode.Parse(request), response is null ? null : JsonNode.Parse(response));

    public static OperationExamples Text(string mediaType, string response) => new(null, JsonValue.Create(response), mediaType);
}
