using SessionService.Grains.Contracts;

namespace SessionService.Grains.Revocations;

/// <summary>An API node's subscription as the authority stores it, so a new activation can push to it at once.</summary>
[GenerateSerializer, Immutable, Alias("RevocationSubscriber")]
public sealed record Subscriber([property: Id(0)] IApiNodeObserver Observer, [property: Id(1)] DateTimeOffset RenewedAt);
