using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.OpenApi;
using SessionService.Api.Http;

namespace SessionService.Api.Apis.Reference;

/// <summary>
/// Gives every operation of the OpenAPI document its examples (<see cref="EndpointExamples"/>) and its error
/// codes (<see cref="EndpointErrors"/>): one example per code, written by the error writer the endpoint really
/// answers with (problem details, the gateway's, RFC 6749's), and the codes listed in <c>x-error-codes</c>.
/// Runs after every other transformer, so the paths added by hand get them too.
/// </summary>
public sealed class OperationReferenceTransformer : IOpenApiDocumentTransformer
{
    public const string ErrorCodesExtension = "x-error-codes";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var endpoints = context.ApplicationServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        foreach (var (path, item) in document.Paths ?? [])
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var key = $"{method.Method.ToUpperInvariant()} {path}";
                if (EndpointExamples.ByOperation.TryGetValue(key, out var examples))
                {
                    AddExamples(operation, examples);
                }

                DocumentedError[] errors = [.. EndpointErrors.ByOperation.GetValueOrDefault(key) ?? [], .. EndpointErrors.Everywhere];
                var writer = WriterOf(endpoints, method.Method, path);
                await AddErrorsAsync(operation, errors, writer, context.ApplicationServices);
                operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                operation.Extensions[ErrorCodesExtension] = new JsonNodeExtension(new JsonArray([.. errors.Select(e => JsonValue.Create(e.Code)).DistinctBy(c => c.GetValue<string>())]));
            }
        }
    }

    private static void AddExamples(OpenApiOperation operation, OperationExamples examples)
    {
        if (examples.Request is { } request)
        {
            // A handler that reads its body itself (the compatibility surfaces) declares none; the example does.
            operation.RequestBody ??= new OpenApiRequestBody { Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() } };
            foreach (var body in operation.RequestBody.Content?.Values.OfType<OpenApiMediaType>() ?? [])
            {
                body.Example = request.DeepClone();
            }
        }

        if (examples.Response is not { } answer
            || operation.Responses?.Where(r => r.Key.StartsWith('2')).Select(r => r.Value).OfType<OpenApiResponse>().FirstOrDefault() is not { } success)
        {
            return;
        }

        success.Content ??= new Dictionary<string, OpenApiMediaType>();
        if (success.Content.Count == 0)
        {
            success.Content[examples.ResponseType ?? "application/json"] = new OpenApiMediaType();
        }

        foreach (var media in success.Content.Values)
        {
            media.Example = answer.DeepClone();
        }
    }

    private static async Task AddErrorsAsync(OpenApiOperation operation, IEnumerable<DocumentedError> errors, IErrorWriter writer, IServiceProvider services)
    {
        operation.Responses ??= [];
        foreach (var byStatus in errors.GroupBy(e => e.Status))
        {
            var status = byStatus.Key.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses.GetValueOrDefault(status) is not OpenApiResponse response)
            {
                response = new OpenApiResponse();
                operation.Responses[status] = response;
            }

            response.Description = string.Join("\n", byStatus.Select(e => $"- `{e.Code}`: {MeaningOf(e)}"));
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            foreach (var error in byStatus)
            {
                var (contentType, body) = await WriteAsync(writer, error, services);
                var media = response.Content.TryGetValue(contentType, out var existing) ? existing : response.Content[contentType] = new OpenApiMediaType();
                media.Examples ??= new Dictionary<string, IOpenApiExample>();
                media.Examples[error.Code] = new OpenApiExample { Summary = error.Code, Value = body };
            }
        }
    }

    /// <summary>The body <paramref name="writer"/> answers <paramref name="error"/> with, as a client sees it (less the request's trace id).</summary>
    private static async Task<(string ContentType, JsonNode? Body)> WriteAsync(IErrorWriter writer, DocumentedError error, IServiceProvider services)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        using var body = new MemoryStream();
        http.Response.Body = body;
        http.Response.StatusCode = error.Status;
        await writer.WriteAsync(http, new ApiError(error.Status, error.Code, MeaningOf(error)));
        var json = JsonNode.Parse(body.ToArray());
        if (json is JsonObject answer)
        {
            answer.Remove("trace_id");
        }

        var contentType = http.Response.ContentType?.Split(';')[0] ?? "application/json";
        return (contentType, json);
    }

    private static string MeaningOf(DocumentedError error) => error.Detail ?? ErrorCodeMeanings.Of(error.Code);

    /// <summary>The error writer of the endpoint behind an operation (its route group's), else problem details.</summary>
    private static IErrorWriter WriterOf(List<RouteEndpoint> endpoints, string method, string path) =>
        endpoints.Where(e => Matches(e, method, path)).Select(e => e.Metadata.GetMetadata<IErrorWriter>()).FirstOrDefault(w => w is not null)
        ?? ProblemErrorWriter.Instance;

    private static bool Matches(RouteEndpoint endpoint, string method, string path) =>
        string.Equals("/" + endpoint.RoutePattern.RawText?.Trim('/'), path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
        && (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is not { } methods || methods.Contains(method, StringComparer.OrdinalIgnoreCase));
}
