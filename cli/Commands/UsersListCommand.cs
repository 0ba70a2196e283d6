using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SessionService.Cli.Http;
using SessionService.Cli.Output;

namespace SessionService.Cli.Commands;

/// <summary><c>users list</c>: pages of <c>GET /users</c> in user-number order, one page or all of them.</summary>
public static class UsersListCommand
{
    private static readonly Column[] Columns =
        [new("NUMBER", "number"), new("ID", "id"), new("USERNAME", "username"), new("EMAIL", "email"), new("ROLES", "roles"), new("DISABLED", "disabled")];

    public static Command Build(CommandBinder binder)
    {
        var limit = new Option<int?>("--limit") { Description = "At most this many users per page (the service's default is 50, its most 500)." };
        var after = new Option<string?>("--after") { Description = "Start after this cursor: the 'next' of an earlier page (a user number)." };
        var all = new Option<bool>("--all") { Description = "Follow 'next' until the last page and print every user at once." };
        var username = new Option<string?>("--username") { Description = "Only the user with this name (any case)." };
        var email = new Option<string?>("--email") { Description = "Only the users with this email." };
        var disabled = new Option<string?>("--disabled") { Description = "Only disabled users (true) or only enabled ones (false)." };
        disabled.AcceptOnlyFromAmong("true", "false");

        var list = new Command("list", "List users in user-number order, a page at a time (or --all).") { limit, after, all, username, email, disabled };
        binder.Bind(list, async (context, cancellationToken) =>
        {
            string PagePath(string? from) => "users" + QueryString.Of(
                ("limit", context.Parse.GetValue(limit)?.ToString(CultureInfo.InvariantCulture)),
                ("after", from),
                ("username", context.Parse.GetValue(username)),
                ("email", context.Parse.GetValue(email)),
                ("disabled", context.Parse.GetValue(disabled)));

            var start = context.Parse.GetValue(after);
            if (context.Parse.GetValue(all))
            {
                context.Output.Rows(await AllPagesAsync(context.Service, PagePath, start, cancellationToken), Columns, Users);
                return;
            }

            var answer = await context.Service.GetAsync(PagePath(start), cancellationToken);
            context.Output.Rows(answer, Columns, Users);
            if (!context.Output.Json && Next(answer.Json()) is { } next)
            {
                context.Output.Note($"More: the same command with --after {next} (or --all).");
            }
        });
        return list;
    }

    /// <summary>Every page from <paramref name="start"/> on, as one answer of the same shape with no <c>next</c>.</summary>
    private static async Task<ServiceAnswer> AllPagesAsync(
        ServiceClient service, Func<string?, string> pagePath, string? start, CancellationToken cancellationToken)
    {
        var users = new JsonArray();
        var cursor = start;
        while (true)
        {
            var page = (await service.GetAsync(pagePath(cursor), cancellationToken)).Json();
            foreach (var user in Users(page))
            {
                users.Add(JsonNode.Parse(user.GetRawText()));
            }

            if (Next(page) is not { } next)
            {
                return new ServiceAnswer(200, new JsonObject { ["data"] = users, ["next"] = null }.ToJsonString());
            }

            // The service's cursor only moves forward; one that does not would loop for ever.
            if (!Moves(cursor, next))
            {
                throw new CliFailure(ExitCodes.Unavailable, "unexpected_answer", $"The service's next page cursor '{next}' does not move past '{cursor}'.");
            }

            cursor = next;
        }
    }

    private static IEnumerable<JsonElement> Users(JsonElement page) => page.GetProperty("data").EnumerateArray();

    private static string? Next(JsonElement page) =>
        page.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;

    private static bool Moves(string? from, string to) =>
        long.TryParse(to, NumberStyles.None, CultureInfo.InvariantCulture, out var next)
        && (from is null || (long.TryParse(from, NumberStyles.None, CultureInfo.InvariantCulture, out var previous) && next > previous));
}
