using System.CommandLine;
using SessionService.Cli.Http;
using SessionService.Cli.Input;

namespace SessionService.Cli.Commands;

/// <summary><c>users create|list|show|disable|enable|delete</c> over <c>/users</c>.</summary>
public static class UsersCommands
{
    public static Command Build(CommandBinder binder)
    {
        var users = new Command("users", "Create, find, disable, enable and delete users.");

        var username = new Argument<string>("username") { Description = "The new user's name." };
        var roles = new Option<string[]>("--role") { Description = "A role to give the user (repeat for several), e.g. --role admin." };
        var create = new Command("create", "Create a user. The password is read from standard input (prompted for at a terminal).") { username, roles };
        binder.Bind(create, async (context, cancellationToken) =>
        {
            var password = SecretInput.ReadLine(context.Environment, "Password for the new user: ", "password");
            var body = JsonBody.Of(
                ("username", context.Parse.GetValue(username)),
                ("password", password),
                ("roles", JsonBody.Array(context.Parse.GetValue(roles))));
            context.Output.Item(await context.Service.PostAsync("users", body, cancellationToken));
        });
        users.Add(create);

        users.Add(UsersListCommand.Build(binder));

        var show = new Command("show", "Show a user's profile.") { UserId() };
        binder.Bind(show, async (context, cancellationToken) =>
            context.Output.Item(await context.Service.GetAsync(UserPath(context), cancellationToken)));
        users.Add(show);

        users.Add(Change(binder, "disable", "Disable a user: logins are refused and their access tokens stop working.", HttpMethod.Post, "/disable", "disabled"));
        users.Add(Change(binder, "enable", "Enable a user again (also lifts a lockout).", HttpMethod.Post, "/enable", "enabled"));
        users.Add(Change(binder, "delete", "Delete a user; their tokens stop working on every node.", HttpMethod.Delete, "", "deleted"));
        return users;
    }

    /// <summary>The user id argument every command about one user takes.</summary>
    public static Argument<string> UserId() => new("user-id") { Description = "The user's id (the 'id' from 'users create', the 'sub' of their tokens)." };

    /// <summary><c>users/{id}</c> for the command's user-id argument, escaped.</summary>
    public static string UserPath(CommandContext context) =>
        "users/" + ServiceClient.Segment(context.Parse.GetValue<string>("user-id")!);

    private static Command Change(CommandBinder binder, string name, string description, HttpMethod method, string suffix, string done)
    {
        var command = new Command(name, description) { UserId() };
        binder.Bind(command, async (context, cancellationToken) =>
        {
            await context.Service.SendAsync(method, UserPath(context) + suffix, null, cancellationToken);
            context.Output.Done($"{done} user {context.Parse.GetValue<string>("user-id")}");
        });
        return command;
    }
}
