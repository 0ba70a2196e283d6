using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SessionService.Api.Gateway;
using SessionService.Api.Gateway.Import;
using SessionService.Api.Http;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Apis;

/// <summary>
/// <c>POST /admin/consumers/import</c>: a Kong declarative file's consumers, all or none. Each entry is
/// checked as the admin API checks one consumer and credential; the directory then applies them in one write.
/// </summary>
public static class ConsumerImportApi
{
    private static readonly string[] YamlTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"];

    public static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(
        HttpContext http, IGrainFactory grains, ConsumerCredentials credentials, IOptions<GatewayOptions> options, CancellationToken cancellationToken)
    {
        var isYaml = IsYaml(http.Request.ContentType);
        if (!isYaml && !http.Request.HasJsonContentType())
        {
            throw new BadInputException(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, "Send the file as application/json or application/yaml.");
        }

        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, cancellationToken);
        var file = DeckFile.Read(body.GetBuffer().AsSpan(0, (int)body.Length), isYaml);
        if (!file.Succeeded)
        {
            return Refused(ErrorCodes.InvalidRequest, file.Error.Detail, file.Error.Index);
        }

        var entries = ImmutableArray.CreateBuilder<ImportedConsumer>(file.Consumers.Count);
        for (var index = 0; index < file.Consumers.Count; index++)
        {
            var (entry, code, detail) = Prepare(file.Consumers[index], options.Value.SecretIsBase64);
            if (entry is null)
            {
                return Refused(code!, detail!, index);
            }

            entries.Add(entry);
        }

        var outcome = await ConsumersApi.Directory(grains).ImportAsync(entries.MoveToImmutable());
        await ConsumersApi.ReloadIfChangedAsync(credentials, outcome.Error);
        if (outcome.FailedIndex is { } failed)
        {
            var (_, code, detail) = ConsumersApi.Describe(outcome.Error);
            return Refused(code, detail, failed);
        }

        return TypedResults.Ok(new ImportResponse(outcome.Created, outcome.Skipped, outcome.CredentialsCreated, outcome.CredentialsSkipped));
    }

    private static (ImportedConsumer? Entry, string? Code, string? Detail) Prepare(ConsumerImport consumer, bool secretIsBase64)
    {
        foreach (var (value, field) in new[] { (consumer.Username, "username"), (consumer.CustomId, "custom_id") })
        {
            if (value is not null && ConsumerNames.Problem(value, field) is { } problem)
            {
                return (null, ErrorCodes.InvalidRequest, problem);
            }
        }

        var credentials = ImmutableArray.CreateBuilder<NewCredential>(consumer.Credentials.Count);
        foreach (var credential in consumer.Credentials)
        {
            var prepared = new CredentialRequest(credential.Key, credential.Algorithm, credential.Secret, credential.RsaPublicKey).Prepare(secretIsBase64);
            if (prepared.Credential is null)
            {
                return (null, prepared.Code, prepared.Detail);
            }

            credentials.Add(prepared.Credential);
        }

        return (new ImportedConsumer(consumer.Username, consumer.CustomId, credentials.MoveToImmutable()), null, null);
    }

    private static bool IsYaml(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && YamlTypes.Any(t => media.MediaType.Equals(t, StringComparison.OrdinalIgnoreCase));

    private static ProblemHttpResult Refused(string code, string detail, int? index) =>
        Problems.AtIndex(StatusCodes.Status400BadRequest, code, detail, index);
}
