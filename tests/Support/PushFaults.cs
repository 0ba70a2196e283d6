using SessionService.Grains.Contracts;

namespace SessionService.Tests.Support;

/// <summary>A silo call filter that drops the authority's pushes to API nodes while <see cref="Dropping"/> is on, as a lost message would.</summary>
public sealed class PushFaults : IOutgoingGrainCallFilter
{
    private int _dropped;

    public volatile bool Dropping;

    public int Dropped => _dropped;

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (Dropping && context.InterfaceMethod?.DeclaringType == typeof(IApiNodeObserver))
        {
            Interlocked.Increment(ref _dropped);
            return Task.CompletedTask;
        }

        return context.Invoke();
    }
}
