using System.CommandLine;
using SessionService.Cli.Output;

namespace SessionService.Cli.Commands;

/// <summary><c>sessions list|revoke</c>: a user's device sessions through the admin endpoints <c>/users/{id}/sessions</c>.</summary>
public static class SessionsCommands
{
    private static readonly Column[] Columns =
    [
        new("DEVICE", "device"), new("NAME", "device_name"), new("CREATED", "created_at"), new("LAST USED", "last_used_at"),
        new("EXPIRES", "expires_at"), new("IP", "ip"), new("USER AGENT", "user_agent"),
    ];

    public static Command Build(CommandBinder binder)
    {
        var sessions = new Command("sessions", "A user's device sessions.");

        var list = new Command("list", "List a user's device sessions.") { UsersCommands.UserId() };
        binder.Bind(list, async (context, cancellationToken) =>
            context.Output.Rows(await context.Service.GetAsync(UsersCommands.UserPath(context) + "/sessions", cancellationToken), Columns, json => json.EnumerateArray()));
        sessions.Add(list);

        var revoke = new Command("revoke", "Revoke every session of a user: their refresh tokens and access tokens stop working.") { UsersCommands.UserId() };
        binder.Bind(revoke, async (context, cancellationToken) =>
        {
            await context.Service.DeleteAsync(UsersCommands.UserPath(context) + "/sessions", cancellationToken);
            context.Output.Done($"revoked every session of user {context.Parse.GetValue<string>("user-id")}");
        });
        sessions.Add(revoke);
        return sessions;
    }
}
