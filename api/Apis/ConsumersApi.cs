using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SessionService.Api.Gateway;
using SessionService.Api.Http;
using SessionService.Grains;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Apis;

/// <summary>
/// Gateway consumers and their JWT credentials, in the shapes of Kong's Admin API; admin only. After a change
/// the answering node reloads its credentials before it answers, so its own next verification sees the change
/// (the other nodes hear of it through the push).
/// </summary>
public static class ConsumersApi
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public static RouteGroupBuilder MapConsumersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/consumers").WithTags("Gateway consumers").RequireAuthorization(AccessTokenPolicies.Admin);
        group.MapPost("", CreateAsync).Accepts<CreateConsumerRequest>("application/json");
        group.MapGet("", ListAsync);
        group.MapPost("/import", ConsumerImportApi.ImportAsync).Accepts<object>("application/json", "application/yaml");
        group.MapGet("/{consumer}", GetAsync);
        group.MapDelete("/{consumer}", DeleteAsync);
        group.MapPost("/{consumer}/jwt", AddCredentialAsync).Accepts<CreateCredentialRequest>("application/json");
        group.MapGet("/{consumer}/jwt", ListCredentialsAsync);
        group.MapDelete("/{consumer}/jwt/{credential}", DeleteCredentialAsync);
        return group;
    }

    public static async Task<Results<Created<ConsumerResponse>, ProblemHttpResult>> CreateAsync(
        HttpContext http, IGrainFactory grains, ConsumerCredentials credentials, CancellationToken cancellationToken)
    {
        var fields = await RequestFields.ReadAsync(http.Request, cancellationToken);
        var username = Name(fields.OptionalString("username", ConsumerNames.MaxLength + 1), "username");
        var customId = Name(fields.OptionalString("custom_id", ConsumerNames.MaxLength + 1), "custom_id");
        if (username is null && customId is null)
        {
            return Problems.BadRequest(ErrorCodes.InvalidRequest, "Give a username, a custom_id or both.");
        }

        var change = await Directory(grains).CreateConsumerAsync(new NewConsumer(username, customId));
        await ReloadIfChangedAsync(credentials, change.Error);
        return change.Consumer is { } consumer
            ? TypedResults.Created($"/admin/consumers/{consumer.Id}", ConsumerResponse.From(consumer))
            : Problems.Create(StatusCodes.Status409Conflict, ErrorCodes.ConsumerExists, "A consumer with that username or custom_id exists.");
    }

    public static async Task<Results<Ok<ConsumerListResponse>, ProblemHttpResult>> ListAsync(IGrainFactory grains, string? offset, string? size)
    {
        if (!QueryNumbers.TryRead(offset, 0, int.MaxValue, 0, out int from) || !QueryNumbers.TryRead(size, 1, MaxPageSize, DefaultPageSize, out int count))
        {
            return Problems.BadRequest(ErrorCodes.InvalidRequest, $"offset must be a next_offset from an earlier page and size an integer from 1 to {MaxPageSize}.");
        }

        var page = await Directory(grains).ListConsumersAsync(from, count);
        return TypedResults.Ok(new ConsumerListResponse([.. page.Data.Select(ConsumerResponse.From)], page.NextOffset?.ToString()));
    }

    public static async Task<Results<Ok<ConsumerResponse>, ProblemHttpResult>> GetAsync(IGrainFactory grains, string consumer) =>
        await Directory(grains).FindConsumerAsync(consumer) is { } found
            ? TypedResults.Ok(ConsumerResponse.From(found))
            : ConsumerNotFound();

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(IGrainFactory grains, ConsumerCredentials credentials, string consumer)
    {
        var deleted = await Directory(grains).DeleteConsumerAsync(consumer);
        await ReloadIfChangedAsync(credentials, deleted ? DirectoryError.None : DirectoryError.ConsumerNotFound);
        return deleted ? TypedResults.NoContent() : ConsumerNotFound();
    }

    public static async Task<Results<Created<CredentialResponse>, ProblemHttpResult>> AddCredentialAsync(
        HttpContext http, IGrainFactory grains, ConsumerCredentials credentials, IOptions<GatewayOptions> options, string consumer, CancellationToken cancellationToken)
    {
        var fields = await RequestFields.ReadAsync(http.Request, cancellationToken);
        var request = new CredentialRequest(
            fields.OptionalString("key"),
            fields.OptionalString("algorithm"),
            fields.OptionalString("secret"),
            fields.OptionalString("rsa_public_key", 16 * 1024, multiline: true));
        var prepared = request.Prepare(options.Value.SecretIsBase64);
        if (prepared.Credential is null)
        {
            return Problems.BadRequest(prepared.Code!, prepared.Detail!);
        }

        var change = await Directory(grains).AddCredentialAsync(consumer, prepared.Credential);
        await ReloadIfChangedAsync(credentials, change.Error);
        return change.Credential is { } created
            ? TypedResults.Created($"/admin/consumers/{created.ConsumerId}/jwt/{created.Id}", CredentialResponse.From(created, prepared.ShownSecret))
            : Refusal(change.Error);
    }

    public static async Task<Results<Ok<CredentialListResponse>, ProblemHttpResult>> ListCredentialsAsync(IGrainFactory grains, string consumer) =>
        await Directory(grains).ListCredentialsAsync(consumer) is { } credentials
            ? TypedResults.Ok(new CredentialListResponse([.. credentials.Select(c => CredentialResponse.From(c, shownSecret: null))]))
            : ConsumerNotFound();

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteCredentialAsync(
        IGrainFactory grains, ConsumerCredentials credentials, string consumer, string credential)
    {
        var change = await Directory(grains).DeleteCredentialAsync(consumer, credential);
        await ReloadIfChangedAsync(credentials, change.Error);
        return change.Credential is not null ? TypedResults.NoContent() : Refusal(change.Error);
    }

    public static ProblemHttpResult Refusal(DirectoryError error)
    {
        var (status, code, detail) = Describe(error);
        return Problems.Create(status, code, detail);
    }

    /// <summary>The status, code and detail the admin API answers a directory refusal with.</summary>
    public static (int Status, string Code, string Detail) Describe(DirectoryError error) => error switch
    {
        DirectoryError.ConsumerExists => (StatusCodes.Status409Conflict, ErrorCodes.ConsumerExists, "A consumer with that username or custom_id exists."),
        DirectoryError.CredentialExists => (StatusCodes.Status409Conflict, ErrorCodes.CredentialExists, "A credential with that key exists."),
        DirectoryError.CredentialNotFound => (StatusCodes.Status404NotFound, ErrorCodes.CredentialNotFound, "The consumer has no credential with that id or key."),
        _ => (StatusCodes.Status404NotFound, ErrorCodes.ConsumerNotFound, "No consumer with that id or username."),
    };

    /// <summary>A refused change wrote nothing, so the node's copy is still current.</summary>
    internal static Task ReloadIfChangedAsync(ConsumerCredentials credentials, DirectoryError error) =>
        error == DirectoryError.None ? credentials.ReloadAfterChangeAsync() : Task.CompletedTask;

    internal static IConsumerDirectoryGrain Directory(IGrainFactory grains) =>
        grains.Grain<IConsumerDirectoryGrain>(ConsumerDirectory.Id);

    private static string? Name(string? value, string field) =>
        value is not null && ConsumerNames.Problem(value, field) is { } problem ? throw BadInputException.Invalid(problem) : value;

    private static ProblemHttpResult ConsumerNotFound() => Refusal(DirectoryError.ConsumerNotFound);
}
