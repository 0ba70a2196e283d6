using Microsoft.Extensions.Options;
using SessionService.Grains;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Users;

/// <summary>
/// Creates the administrator of <see cref="AdminOptions"/> at the first start of a new store, and never
/// again: a deployment whose bootstrap is done (or, from before this was recorded, whose admin name
/// exists) keeps whatever its operators did with that account since.
/// </summary>
public sealed class AdminBootstrap(
    UserAccounts accounts, IGrainFactory grains, IOptions<AdminOptions> options, ILogger<AdminBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value;
        var bootstrap = grains.Grain<IAdminBootstrapGrain>(IAdminBootstrapGrain.Id);
        if (string.IsNullOrWhiteSpace(admin.Username) || string.IsNullOrEmpty(admin.Password) || await bootstrap.IsDoneAsync())
        {
            return;
        }

        if (await accounts.FindIdAsync(admin.Username) is not null)
        {
            await bootstrap.MarkDoneAsync();
            return;
        }

        var (outcome, user, detail) = await accounts.CreateAsync(admin.Username, admin.Password, UserAccounts.AdminRoles);
        switch (outcome)
        {
            case CreateUserOutcome.Created:
                Log.AdminCreated(logger, user!.Username, user.Id);
                await bootstrap.MarkDoneAsync();
                break;
            case CreateUserOutcome.UsernameTaken:
                await bootstrap.MarkDoneAsync(); // another node created it first
                break;
            default:
                throw new InvalidOperationException($"Admin:Username / Admin:Password rejected: {detail}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
