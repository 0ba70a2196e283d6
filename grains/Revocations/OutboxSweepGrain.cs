using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using SessionService.Grains.Contracts;

namespace SessionService.Grains.Revocations;

public sealed class OutboxSweepGrain(
    [PersistentState("outbox-sweep", StorageNames.Sessions)] IPersistentState<OutboxSweepState> store,
    ILogger<OutboxSweepGrain> logger) : Grain, IOutboxSweepGrain
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private IGrainTimer? _timer;

    private ImmutableHashSet<string> Users => store.State?.Users ?? [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ScheduleSweep();
        return Task.CompletedTask;
    }

    public async Task AddAsync(string userId)
    {
        if (!Users.Contains(userId))
        {
            await store.WriteAsync(new OutboxSweepState(Users.Add(userId)), this, logger);
        }

        ScheduleSweep();
    }

    public async Task<int> SweepAsync()
    {
        var delivered = new List<string>();
        foreach (var userId in Users)
        {
            try
            {
                if (await GrainFactory.Grain<IUserGrain>(userId).DeliverRevocationsAsync())
                {
                    delivered.Add(userId);
                }
            }
            catch (Exception e)
            {
                Log.RevocationPublishFailed(logger, e, userId, 0);
            }
        }

        if (delivered.Count > 0)
        {
            await store.WriteAsync(new OutboxSweepState(Users.Except(delivered)), this, logger);
        }

        if (Users.IsEmpty)
        {
            _timer?.Dispose();
            _timer = null;
        }

        return Users.Count;
    }

    private void ScheduleSweep()
    {
        if (!Users.IsEmpty)
        {
            _timer ??= this.RegisterGrainTimer(_ => SweepAsync(), new GrainTimerCreationOptions(Interval, Interval) { KeepAlive = true });
        }
    }
}

[GenerateSerializer, Immutable, Alias("OutboxSweepState")]
public sealed record OutboxSweepState([property: Id(0)] ImmutableHashSet<string> Users);
