using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using SessionService.Cli.Http;
using SessionService.Cli.Input;
using SessionService.Cli.Output;

namespace SessionService.Cli.Commands;

/// <summary><c>consumers list|show|create|delete</c> and <c>consumers jwt add|list|delete</c> over <c>/admin/consumers</c>.</summary>
public static class ConsumersCommands
{
    private static readonly Column[] ConsumerColumns =
        [new("ID", "id"), new("USERNAME", "username"), new("CUSTOM ID", "custom_id"), new("CREATED", "created_at", UnixSeconds: true)];

    private static readonly Column[] CredentialColumns =
        [new("ID", "id"), new("KEY", "key"), new("ALGORITHM", "algorithm"), new("CREATED", "created_at", UnixSeconds: true)];

    /// <summary>Kong's shapes give times in Unix seconds.</summary>
    private static readonly string[] UnixTimes = ["created_at"];

    public static Command Build(CommandBinder binder)
    {
        var consumers = new Command("consumers", "Gateway consumers and their JWT credentials.");

        var offset = new Option<string?>("--offset") { Description = "Start at this next_offset of an earlier page." };
        var size = new Option<int?>("--size") { Description = "At most this many consumers (the service's default is 100)." };
        var list = new Command("list", "List consumers, one page at a time.") { offset, size };
        binder.Bind(list, async (context, cancellationToken) =>
        {
            var query = QueryString.Of(("offset", context.Parse.GetValue(offset)), ("size", context.Parse.GetValue(size)?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var answer = await context.Service.GetAsync("admin/consumers" + query, cancellationToken);
            context.Output.Rows(answer, ConsumerColumns, json => json.GetProperty("data").EnumerateArray());
            if (!context.Output.Json && answer.Json().TryGetProperty("next_offset", out var next) && next.ValueKind == JsonValueKind.String)
            {
                context.Output.Note($"More: sessionctl consumers list --offset {next.GetString()}");
            }
        });
        consumers.Add(list);

        var show = new Command("show", "Show one consumer.") { ConsumerArgument() };
        binder.Bind(show, async (context, cancellationToken) =>
            context.Output.Item(await context.Service.GetAsync(ConsumerPath(context), cancellationToken), UnixTimes));
        consumers.Add(show);

        var username = new Option<string?>("--username") { Description = "A unique name for the consumer." };
        var customId = new Option<string?>("--custom-id") { Description = "A unique id of your own for the consumer." };
        var create = new Command("create", "Create a consumer (give --username, --custom-id or both).") { username, customId };
        binder.Bind(create, async (context, cancellationToken) =>
        {
            var body = JsonBody.Of(("username", context.Parse.GetValue(username)), ("custom_id", context.Parse.GetValue(customId)));
            context.Output.Item(await context.Service.PostAsync("admin/consumers", body, cancellationToken), UnixTimes);
        });
        consumers.Add(create);

        var delete = new Command("delete", "Delete a consumer; its credentials stop verifying on every node.") { ConsumerArgument() };
        binder.Bind(delete, async (context, cancellationToken) =>
        {
            await context.Service.DeleteAsync(ConsumerPath(context), cancellationToken);
            context.Output.Done($"deleted consumer {context.Parse.GetValue<string>("consumer")}");
        });
        consumers.Add(delete);

        consumers.Add(BuildJwt(binder));
        return consumers;
    }

    private static Command BuildJwt(CommandBinder binder)
    {
        var jwt = new Command("jwt", "A consumer's JWT credentials.");

        var key = new Option<string?>("--key") { Description = "The value tokens carry in their key claim (default: 32 random characters)." };
        var algorithm = new Option<string?>("--algorithm") { Description = "HS256 (default), HS384, HS512, RS256..RS512, PS256..PS512, ES256..ES512 or EdDSA." };
        var secretStdin = new Option<bool>("--secret-stdin") { Description = "Read the HS secret from standard input (default: the service makes one)." };
        var publicKeyFile = new Option<FileInfo?>("--public-key-file") { Description = "The PEM public key for an asymmetric algorithm." };
        var showSecret = new Option<bool>("--show-secret") { Description = "Print the secret (the service shows it only in this answer)." };
        var add = new Command("add", "Add a JWT credential to a consumer.") { ConsumerArgument(), key, algorithm, secretStdin, publicKeyFile, showSecret };
        binder.Bind(add, async (context, cancellationToken) =>
        {
            var pem = context.Parse.GetValue(publicKeyFile) is { } file ? await ReadPemAsync(file, cancellationToken) : null;
            var body = JsonBody.Of(
                ("key", context.Parse.GetValue(key)),
                ("algorithm", context.Parse.GetValue(algorithm)),
                ("secret", context.Parse.GetValue(secretStdin) ? SecretInput.ReadLine(context.Environment, "Secret: ", "secret") : null),
                ("rsa_public_key", pem));
            var answer = await context.Service.PostAsync(ConsumerPath(context) + "/jwt", body, cancellationToken);
            var shown = JsonNode.Parse(answer.Body)!.AsObject();
            if (!context.Parse.GetValue(showSecret) && shown.Remove("secret"))
            {
                context.Output.Note("The secret is not printed; add --show-secret to see it (the service shows it only when the credential is made).");
            }

            context.Output.Item(shown.ToJsonString(), JsonSerializer.SerializeToElement(shown), UnixTimes);
        });
        jwt.Add(add);

        var list = new Command("list", "List a consumer's JWT credentials (never their secrets).") { ConsumerArgument() };
        binder.Bind(list, async (context, cancellationToken) =>
            context.Output.Rows(await context.Service.GetAsync(ConsumerPath(context) + "/jwt", cancellationToken), CredentialColumns,
                json => json.GetProperty("data").EnumerateArray()));
        jwt.Add(list);

        var credential = new Argument<string>("credential") { Description = "The credential's id or key." };
        var delete = new Command("delete", "Delete a consumer's JWT credential; tokens signed with it stop verifying.") { ConsumerArgument(), credential };
        binder.Bind(delete, async (context, cancellationToken) =>
        {
            await context.Service.DeleteAsync(ConsumerPath(context) + "/jwt/" + ServiceClient.Segment(context.Parse.GetValue(credential)!), cancellationToken);
            context.Output.Done($"deleted credential {context.Parse.GetValue(credential)}");
        });
        jwt.Add(delete);
        return jwt;
    }

    private static Argument<string> ConsumerArgument() => new("consumer") { Description = "The consumer's id or username." };

    private static string ConsumerPath(CommandContext context) =>
        "admin/consumers/" + ServiceClient.Segment(context.Parse.GetValue<string>("consumer")!);

    private static async Task<string> ReadPemAsync(FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(file.FullName, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliFailure.Usage("unreadable_file", $"Cannot read {file.FullName}: {e.Message}");
        }
    }
}
