using System.CommandLine;
using SessionService.Api.Users;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Silo;

namespace SessionService.Api.Recovery;

/// <summary>
/// <c>recover</c>: what an operator does when no administrator can log in, run against the same
/// configuration as the node (in embedded mode with the node stopped: it opens the node's store itself).
/// Passwords are read from standard input, never from the command line, where other users can see them.
/// </summary>
public static class RecoveryCommand
{
    public const string Name = "recover";
    public const int Refused = 2;

    public static Task<int> RunAsync(string[] args)
    {
        var username = new Argument<string>("username") { Description = "The user name." };
        var unlock = new Command("unlock", "Clear every lockout of a user.") { username };
        unlock.SetAction((parse, _) => WithUserAsync(parse.GetValue(username)!, async (user, _) =>
            await user.ClearLockoutsAsync() is null ? NoSuchUser() : Done("unlocked")));

        var setPassword = new Command("set-password", "Set a user's password (read from stdin); revokes every session and clears lockouts.") { username };
        setPassword.SetAction((parse, _) => WithUserAsync(parse.GetValue(username)!, async (user, _) =>
            Answer(await user.ResetPasswordAsync(ReadPassword()))));

        var createAdmin = new Command("create-admin", "Create a user with role admin (password read from stdin).") { username };
        createAdmin.SetAction((parse, _) => WithServicesAsync(async services =>
        {
            var (outcome, user, detail) = await services.GetRequiredService<UserAccounts>()
                .CreateAsync(parse.GetValue(username)!, ReadPassword(), UserAccounts.AdminRoles);
            return outcome == CreateUserOutcome.Created ? Done($"created {user!.Username} ({user.Id})") : Fail(detail ?? outcome.ToString());
        }));

        var root = new RootCommand("Session service") { new Command(Name, "Offline recovery of accounts.") { unlock, setPassword, createAdmin } };
        return root.Parse(args).InvokeAsync();
    }

    private static Task<int> WithUserAsync(string username, Func<IUserGrain, IServiceProvider, Task<int>> action) =>
        WithServicesAsync(async services =>
        {
            var grains = services.GetRequiredService<IGrainFactory>();
            return await services.GetRequiredService<UserAccounts>().FindIdAsync(username) is { } id
                ? await action(grains.Grain<IUserGrain>(id), services)
                : NoSuchUser();
        });

    private static async Task<int> WithServicesAsync(Func<IServiceProvider, Task<int>> action)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        if (SessionServiceOptions.Read<SiloOptions>(builder.Configuration).IsEmbedded)
        {
            builder.UseOrleans(silo => silo.AddSessionSilo(builder.Configuration));
        }
        else
        {
            builder.UseOrleansClient(client => client.AddSessionClusterClient(builder.Configuration));
            builder.Services.AddSessionGrainServices(builder.Configuration);
        }

        builder.Services.AddSingleton<UserAccounts>();
        using var host = builder.Build();
        host.ThrowIfOptionsInvalid();
        await host.StartAsync();
        try
        {
            return await action(host.Services);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static string ReadPassword() => Console.In.ReadLine() ?? "";

    private static int Answer(PasswordChangeVerdict? verdict) => verdict?.Outcome switch
    {
        null => NoSuchUser(),
        Grains.Contracts.PasswordChangeOutcome.Changed => Done("password set; every session revoked"),
        _ => Fail(verdict.Detail ?? verdict.Outcome.ToString()),
    };

    private static int Done(string message)
    {
        Console.WriteLine(message);
        return 0;
    }

    private static int NoSuchUser() => Fail("no such user");

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return Refused;
    }
}
