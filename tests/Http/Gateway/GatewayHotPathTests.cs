using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SessionService.Api.Cluster;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http.Gateway;

/// <summary>Verifying consumer tokens reads only the node's own copy of the credentials: no grain is called.</summary>
public sealed class GatewayHotPathTests : IAsyncLifetime
{
    private readonly GrainCallCounter _calls = new();
    private readonly OwnNode _node;

    public GatewayHotPathTests() => _node = new OwnNode(services: services =>
    {
        services.AddSingleton<IOutgoingGrainCallFilter>(_calls);
        // The periodic resync calls grains by design; keep it out of the measured window.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ClusterSync>(sp, (TimeProvider)new FakeTimeProvider(DateTimeOffset.UtcNow)));
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _node.DisposeAsync().AsTask();

    [Fact]
    public async Task Verifications_PassingAndFailing_CallNoGrain()
    {
        var client = _node.Client;
        var consumer = await client.NewConsumerAsync();
        var now = _node.Factory.Clock.GetUtcNow();
        var repeated = consumer.Token(now);
        var before = _calls.Snapshot();

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.ForwardAuthAsync(repeated)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.ForwardAuthAsync(consumer.Token(now.AddSeconds(-i)))).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.ForwardAuthAsync(consumer.Token(now.AddHours(-1).AddSeconds(i)))).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.ForwardAuthAsync(null)).StatusCode);
        }

        Assert.Equal(before, _calls.Snapshot());
        Assert.NotEmpty(before);
    }

    private sealed class GrainCallCounter : IOutgoingGrainCallFilter
    {
        private readonly ConcurrentDictionary<string, int> _counts = new();

        public Task Invoke(IOutgoingGrainCallContext context)
        {
            _counts.AddOrUpdate(context.InterfaceName ?? "?", 1, (_, n) => n + 1);
            return context.Invoke();
        }

        /// <summary>Calls per grain interface, observer pushes and Orleans' own system targets left out.</summary>
        public string Snapshot() => string.Join(", ", _counts
            .Where(c => c.Key.Contains("SessionService", StringComparison.Ordinal) && !c.Key.Contains("Observer", StringComparison.Ordinal))
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => $"{c.Key}={c.Value}"));
    }
}
