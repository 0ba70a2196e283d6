using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using SessionService.Cli.Input;

namespace SessionService.Cli.Commands;

/// <summary>
/// <c>login</c>: an admin access token from a username and password, printed as a shell line to eval.
/// It logs in as the device "sessionctl", so logging in again replaces that one session instead of adding one.
/// </summary>
public static class LoginCommand
{
    public const string UsernameVariable = "SESSIONCTL_USERNAME";
    public const string PasswordVariable = "SESSIONCTL_PASSWORD";
    public const string Device = "sessionctl";

    public static Command Build(CommandBinder binder)
    {
        var username = new Option<string?>("--username") { Description = $"Who logs in (default: ${UsernameVariable})." };
        var login = new Command("login",
            $"Log in and print 'export {GlobalOptions.TokenVariable}=...'. The password comes from ${PasswordVariable}, else standard input.")
        {
            username,
        };
        binder.Bind(login, async (context, cancellationToken) =>
        {
            var environment = context.Environment;
            var name = context.Parse.GetValue(username) ?? GlobalOptions.NonEmpty(environment.Variable(UsernameVariable))
                ?? throw CliFailure.Usage("missing_username", $"Give --username or set {UsernameVariable}.");
            var password = environment.Variable(PasswordVariable) is { Length: > 0 } given
                ? given
                : SecretInput.ReadLine(environment, $"Password for {name}: ", "password");
            var body = JsonBody.Of(("username", name), ("password", password), ("device", Device), ("device_name", Device));
            var answer = (await context.Service.SendAsync(HttpMethod.Post, "auth/token", body, authenticated: false, cancellationToken)).Json();

            var token = answer.GetProperty("access_token").GetString()!;
            if (!answer.GetProperty("user").GetProperty("roles").EnumerateArray().Any(r => r.GetString() == "admin"))
            {
                context.Output.Note($"warning: {name} has no admin role; the admin commands will answer 403 forbidden.");
            }

            if (context.Output.Json)
            {
                // The refresh token stays unprinted: it was not asked for and would outlive the access token by weeks.
                context.Output.Line(new JsonObject
                {
                    ["access_token"] = token,
                    ["token_type"] = answer.GetProperty("token_type").GetString(),
                    ["expires_in"] = answer.GetProperty("expires_in").GetInt64(),
                    ["user"] = JsonNode.Parse(answer.GetProperty("user").GetRawText()),
                }.ToJsonString());
                return;
            }

            context.Output.Line($"export {GlobalOptions.TokenVariable}={token}");
            context.Output.Note($"# valid for {answer.GetProperty("expires_in").GetInt64()} s; log in again after that");
        });
        return login;
    }
}
