using System.CommandLine;
using System.Text.Json.Nodes;

namespace SessionService.Cli.Commands;

/// <summary><c>tokens issue</c>: a service token from <c>/admin/tokens</c>.</summary>
public static class TokensCommands
{
    public static Command Build(CommandBinder binder)
    {
        var tokens = new Command("tokens", "Service tokens for service-to-service calls.");

        var subject = new Option<string?>("--sub") { Description = "The token's subject." };
        var audience = new Option<string?>("--aud") { Description = "The token's audience (default: the service's service-token audience)." };
        var expiresIn = new Option<long?>("--expires-in") { Description = "Lifetime in seconds (default 300, at most 86400)." };
        var scope = new Option<string[]>("--scope") { Description = "A scope, e.g. introspect or revocations:read (repeat, or give them space-separated)." };
        var claims = new Option<string[]>("--claim") { Description = "An extra claim as name=value; the value is JSON when it parses as JSON, else a string (repeat)." };
        var issue = new Command("issue", "Issue a service token and print it (it is never valid as a user's access token).")
        {
            subject, audience, expiresIn, scope, claims,
        };
        binder.Bind(issue, async (context, cancellationToken) =>
        {
            var body = RequestBody(context.Parse.GetValue(subject), context.Parse.GetValue(audience), context.Parse.GetValue(expiresIn),
                context.Parse.GetValue(scope), context.Parse.GetValue(claims));
            context.Output.Item(await context.Service.PostAsync("admin/tokens", body, cancellationToken));
        });
        tokens.Add(issue);
        return tokens;
    }

    /// <summary>The body of <c>POST /admin/tokens</c>; scopes are joined space-separated as the contract has them.</summary>
    public static JsonObject RequestBody(string? subject, string? audience, long? expiresIn, string[]? scopes, string[]? claims)
    {
        var scope = string.Join(" ", (scopes ?? []).SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        return JsonBody.Of(
            ("sub", subject),
            ("aud", audience),
            ("expires_in", expiresIn is { } seconds ? JsonValue.Create(seconds) : null),
            ("scope", scope.Length > 0 ? scope : null),
            ("claims", ClaimArguments.Parse(claims)));
    }
}
