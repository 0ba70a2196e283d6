using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SessionService.Grains;

namespace SessionService.Silo.Storage;

/// <summary>
/// Opens the session storage (and runs its migration) while the silo starts, before any grain runs, so that a
/// database that cannot be opened stops the start instead of failing the first grain calls.
/// </summary>
internal sealed class OpenStorageAtStart(IServiceProvider services) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(OpenStorageAtStart), ServiceLifecycleStage.RuntimeStorageServices, _ =>
        {
            services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Sessions);
            return Task.CompletedTask;
        });
}
