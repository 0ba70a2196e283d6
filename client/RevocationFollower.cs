using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SessionService.AspNetCore;

/// <summary>
/// Follows the session service's revocation stream for as long as the app runs: on every (re)connection it
/// reads the snapshot after the last applied entry, then the stream from there (<c>Last-Event-ID</c>), so
/// nothing revoked while it was away is missed. Between attempts it waits by <see cref="ReconnectBackoff"/>.
/// </summary>
internal sealed partial class RevocationFollower(
    IOptions<SessionTokensOptions> options,
    IServiceProvider services,
    RevocationFeed feed,
    RevocationFeedState state,
    LocalRevocations revocations,
    TimeProvider clock,
    ILogger<RevocationFollower> logger) : BackgroundService
{
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(1);
    private DateTimeOffset _lastPurge = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failedAttempts = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FollowAsync(() => failedAttempts = 0, stoppingToken);
                state.Lost();
                LogStreamEnded(logger);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // One warning per outage; the attempts after it go to debug, so a long outage does not flood the log.
                if (failedAttempts == 0)
                {
                    LogStreamFailed(logger, e.GetType().Name, e.Message);
                }
                else
                {
                    LogAttemptFailed(logger, failedAttempts, e.GetType().Name, e.Message);
                }

                state.Lost();
            }

            try
            {
                await Task.Delay(options.Value.Backoff.DelayFor(failedAttempts++, Random.Shared), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One connection: catch up, then apply the stream until it ends. Throws when it fails.</summary>
    private async Task FollowAsync(Action caughtUp, CancellationToken cancellationToken)
    {
        var serviceToken = await ServiceTokenAsync(cancellationToken);
        var position = await CatchUpAsync(serviceToken, cancellationToken);
        await using var stream = await feed.OpenStreamAsync(position, serviceToken, cancellationToken);
        state.CaughtUp(position);
        caughtUp();
        LogCaughtUp(logger, position);
        Purge();

        var events = SseParser.Create(stream, static (type, data) =>
            type == "revocation" ? JsonSerializer.Deserialize<RevocationEntry>(data) : null);
        await foreach (var item in events.EnumerateAsync(cancellationToken))
        {
            // A malformed entry throws above and the connection is resumed after the last good one.
            if (item.Data is { } entry && entry.Seq > position)
            {
                Apply(entry);
                position = entry.Seq;
                state.Advanced(position);
                Purge();
            }
        }
    }

    /// <summary>Applies the snapshot after the last applied entry and answers the feed's cursor.</summary>
    private async Task<long> CatchUpAsync(string serviceToken, CancellationToken cancellationToken)
    {
        var after = state.Position;
        var snapshot = await feed.ReadSnapshotAsync(after, serviceToken, cancellationToken);
        var cursor = ParseCursor(snapshot.Cursor);
        if (after is { } known && cursor < known)
        {
            // The feed started over (a service whose feed is not stored): its numbers mean something else now.
            LogFeedStartedOver(logger, known, cursor);
            after = null;
            snapshot = await feed.ReadSnapshotAsync(null, serviceToken, cancellationToken);
            cursor = ParseCursor(snapshot.Cursor);
        }

        foreach (var entry in snapshot.Entries.OrderBy(e => e.Seq))
        {
            if (after is null || entry.Seq > after)
            {
                Apply(entry);
            }
        }

        return cursor;
    }

    private void Apply(RevocationEntry entry)
    {
        if (!revocations.Apply(entry))
        {
            LogUnknownKind(logger, entry.Kind, entry.Seq);
        }
    }

    private void Purge()
    {
        var now = clock.GetUtcNow();
        if (now - _lastPurge >= PurgeInterval)
        {
            revocations.Purge(now);
            _lastPurge = now;
        }
    }

    private async ValueTask<string> ServiceTokenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var token = settings.ServiceTokenProvider is { } provider
            ? await provider(services, cancellationToken)
            : settings.ServiceToken;
        return string.IsNullOrWhiteSpace(token)
            ? throw new RevocationFeedException("The service token provider returned no token.")
            : token;
    }

    private static long ParseCursor(string cursor) =>
        long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new RevocationFeedException("The revocation snapshot's cursor is not a decimal sequence number.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Revocation feed caught up at {Position}; following the stream")]
    private static partial void LogCaughtUp(ILogger logger, long position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The revocation stream ended; reconnecting")]
    private static partial void LogStreamEnded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The revocation stream failed ({Error}: {Reason}); reconnecting with backoff")]
    private static partial void LogStreamFailed(ILogger logger, string error, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reconnection attempt {Attempt} to the revocation feed failed ({Error}: {Reason})")]
    private static partial void LogAttemptFailed(ILogger logger, int attempt, string error, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The revocation feed started over (our position {Known}, its cursor {Cursor}); reloading it whole")]
    private static partial void LogFeedStartedOver(ILogger logger, long known, long cursor);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored revocation entry {Seq} of unknown kind {Kind}")]
    private static partial void LogUnknownKind(ILogger logger, string kind, long seq);
}
