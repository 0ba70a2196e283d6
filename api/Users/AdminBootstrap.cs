using Microsoft.Extensions.Options;

namespace SessionService.Api.Users;

/// <summary>Creates the administrator of <see cref="AdminOptions"/> at start-up when that name does not exist yet.</summary>
public sealed class AdminBootstrap(UserAccounts accounts, IOptions<AdminOptions> options, ILogger<AdminBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value;
        if (string.IsNullOrWhiteSpace(admin.Username) || string.IsNullOrEmpty(admin.Password)
            || await accounts.FindIdAsync(admin.Username) is not null)
        {
            return;
        }

        var (outcome, user, detail) = await accounts.CreateAsync(admin.Username, admin.Password, UserAccounts.AdminRoles);
        switch (outcome)
        {
            case CreateUserOutcome.Created:
                Log.AdminCreated(logger, user!.Username, user.Id);
                break;
            case CreateUserOutcome.UsernameTaken:
                break; // another node created it first
            default:
                throw new InvalidOperationException($"Admin:Username / Admin:Password rejected: {detail}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
