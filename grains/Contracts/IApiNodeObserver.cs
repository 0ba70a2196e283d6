using System.Collections.Immutable;
using Orleans.Concurrency;

namespace SessionService.Grains.Contracts;

/// <summary>Implemented by every API node to hear about revocations, key changes and consumer credential changes as they happen.</summary>
[Alias("IApiNodeObserver")]
public interface IApiNodeObserver : IGrainObserver
{
    [OneWay, Alias("OnRevoked")]
    Task OnRevoked(ImmutableArray<RevocationEntry> entries);

    [OneWay, Alias("OnKeysChanged")]
    Task OnKeysChanged();

    [OneWay, Alias("OnConsumersChanged")]
    Task OnConsumersChanged(long version);
}
