using SessionService.Grains.Contracts;

namespace SessionService.Tests.Support;

/// <summary>A silo call filter that makes the revocation authority refuse publishes while <see cref="Failing"/> is on.</summary>
public sealed class PublishFaults : IIncomingGrainCallFilter
{
    private int _refused;

    public volatile bool Failing;

    public int Refused => _refused;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (Failing && context.Grain is IRevocationAuthorityGrain && context.InterfaceMethod.Name == nameof(IRevocationAuthorityGrain.PublishAsync))
        {
            Interlocked.Increment(ref _refused);
            throw new OrleansException("The revocation authority is unavailable (injected).");
        }

        return context.Invoke();
    }
}
