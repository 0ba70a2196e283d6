using Microsoft.Extensions.Options;
using SessionService.Grains;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Gateway;

/// <summary>
/// <c>Gateway:Anonymous</c>: the consumer whose identity a failed request passes with. Created at start-up
/// when missing (Kong answers 500 instead), and again should an admin delete it.
/// </summary>
public sealed class AnonymousConsumer(IOptions<GatewayOptions> options, ConsumerCredentials directory, IGrainFactory grains) : IHostedService
{
    private readonly string? _username = options.Value.Anonymous;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_username is not null)
        {
            await GetAsync();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask<GatewayConsumer> GetAsync()
    {
        var username = _username ?? throw new InvalidOperationException("Gateway:Anonymous is not set.");
        if (directory.FindConsumerByUsername(username) is { } known)
        {
            return known;
        }

        var ensured = await grains.Grain<IConsumerDirectoryGrain>(ConsumerDirectory.Id).EnsureConsumerAsync(username);
        await directory.ReloadAfterChangeAsync();
        return new GatewayConsumer(ensured.Id, ensured.Username, ensured.CustomId);
    }
}
