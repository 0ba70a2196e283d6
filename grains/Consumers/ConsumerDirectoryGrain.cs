using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SessionService.Grains.Contracts;
using SessionService.Grains.Keys;

namespace SessionService.Grains.Consumers;

/// <summary>
/// Owns every gateway consumer and credential. Each change is one state write, then announced to the API
/// nodes through the revocation authority; a failed announcement is retried until it gets through (and the
/// nodes' periodic resync would catch up regardless).
/// </summary>
public sealed class ConsumerDirectoryGrain(
    [PersistentState("consumers", StorageNames.Sessions)] IPersistentState<ConsumerDirectoryState> store,
    KeyProtector protector,
    [FromKeyedServices(SessionClock.Key)] TimeProvider clock,
    ILogger<ConsumerDirectoryGrain> logger) : Grain, IConsumerDirectoryGrain
{
    private static readonly TimeSpan AnnounceRetryInterval = TimeSpan.FromMilliseconds(500);
    private IGrainTimer? _announceRetry;

    private ConsumerDirectoryState State => store.State;

    public async Task<ConsumerChange> CreateConsumerAsync(NewConsumer consumer)
    {
        if (Conflicts(consumer.Username, consumer.CustomId))
        {
            return new(null, DirectoryError.ConsumerExists);
        }

        var created = NewStoredConsumer(consumer.Username, consumer.CustomId);
        await SaveAsync(State.Consumers.Add(created));
        return new(View(created), DirectoryError.None);
    }

    public async Task<ConsumerView> EnsureConsumerAsync(string username)
    {
        if (State.Consumers.Find(c => c.Username == username) is { } existing)
        {
            return View(existing);
        }

        var created = NewStoredConsumer(username, null);
        await SaveAsync(State.Consumers.Add(created));
        return View(created);
    }

    public Task<ConsumerView?> FindConsumerAsync(string idOrUsername) =>
        Task.FromResult(Find(idOrUsername) is { } consumer ? View(consumer) : null);

    public Task<ConsumerPage> ListConsumersAsync(int offset, int size)
    {
        var page = State.Consumers.Skip(offset).Take(size).Select(View).ToImmutableArray();
        int? next = offset + size < State.Consumers.Count ? offset + size : null;
        return Task.FromResult(new ConsumerPage(page, next));
    }

    public async Task<bool> DeleteConsumerAsync(string idOrUsername)
    {
        if (Find(idOrUsername) is not { } consumer)
        {
            return false;
        }

        await SaveAsync(State.Consumers.Remove(consumer));
        return true;
    }

    public async Task<CredentialChange> AddCredentialAsync(string consumer, NewCredential credential)
    {
        if (Find(consumer) is not { } owner)
        {
            return new(null, DirectoryError.ConsumerNotFound);
        }

        var key = credential.Key ?? NewKey();
        if (FindCredentialByKey(key) is not null)
        {
            return new(null, DirectoryError.CredentialExists);
        }

        var stored = NewStoredCredential(credential with { Key = key });
        await SaveAsync(State.Consumers.Replace(owner, owner with { Credentials = owner.Credentials.Add(stored) }));
        return new(View(stored, owner), DirectoryError.None);
    }

    public Task<ImmutableArray<CredentialView>?> ListCredentialsAsync(string consumer) =>
        Task.FromResult<ImmutableArray<CredentialView>?>(Find(consumer) is { } owner
            ? owner.Credentials.Select(c => View(c, owner)).ToImmutableArray()
            : null);

    public async Task<CredentialChange> DeleteCredentialAsync(string consumer, string idOrKey)
    {
        if (Find(consumer) is not { } owner)
        {
            return new(null, DirectoryError.ConsumerNotFound);
        }

        var credential = owner.Credentials.Find(c => c.Id == idOrKey) ?? owner.Credentials.Find(c => c.Key == idOrKey);
        if (credential is null)
        {
            return new(null, DirectoryError.CredentialNotFound);
        }

        await SaveAsync(State.Consumers.Replace(owner, owner with { Credentials = owner.Credentials.Remove(credential) }));
        return new(View(credential, owner), DirectoryError.None);
    }

    public async Task<ImportOutcome> ImportAsync(ImmutableArray<ImportedConsumer> consumers)
    {
        var plan = new ConsumerImportPlan(State.Consumers, NewStoredConsumer, NewStoredCredential, NewKey);
        for (var index = 0; index < consumers.Length; index++)
        {
            if (plan.Add(consumers[index]) is { } error and not DirectoryError.None)
            {
                return new ImportOutcome(0, 0, 0, 0, index, error);
            }
        }

        if (plan.ChangesAnything)
        {
            await SaveAsync(plan.Consumers);
        }

        return new ImportOutcome(plan.Created, plan.Skipped, plan.CredentialsCreated, plan.CredentialsSkipped, null, DirectoryError.None);
    }

    public Task<CredentialSnapshot> GetSnapshotAsync() =>
        Task.FromResult(new CredentialSnapshot(
            State.Version,
            [.. State.Consumers.SelectMany(consumer => consumer.Credentials.Select(c => new SnapshotCredential(
                c.Id, c.Key, c.Algorithm, c.SealedSecret, c.PublicKeyPem, consumer.Id, consumer.Username, consumer.CustomId)))],
            [.. State.Consumers.Select(View)]));

    private async Task SaveAsync(ImmutableList<StoredConsumer> consumers)
    {
        await store.WriteAsync(State with { Consumers = consumers, Version = State.Version + 1 }, this, logger);
        if (!await TryAnnounceAsync())
        {
            _announceRetry ??= this.RegisterGrainTimer(
                RetryAnnounceAsync,
                new GrainTimerCreationOptions(AnnounceRetryInterval, AnnounceRetryInterval) { KeepAlive = true });
        }
    }

    private async Task RetryAnnounceAsync(CancellationToken cancellationToken)
    {
        if (await TryAnnounceAsync())
        {
            _announceRetry?.Dispose();
            _announceRetry = null;
        }
    }

    private async Task<bool> TryAnnounceAsync()
    {
        try
        {
            await GrainFactory.Grain<IRevocationAuthorityGrain>(RevocationAuthority.Id).AnnounceConsumersChangedAsync(State.Version);
            return true;
        }
        catch (Exception e)
        {
            Log.ConsumerAnnounceFailed(logger, e, State.Version);
            return false;
        }
    }

    private bool Conflicts(string? username, string? customId) =>
        State.Consumers.Exists(c => (username is not null && c.Username == username) || (customId is not null && c.CustomId == customId));

    private StoredConsumer? Find(string idOrUsername) =>
        State.Consumers.Find(c => c.Id == idOrUsername) ?? State.Consumers.Find(c => c.Username == idOrUsername);

    private StoredCredential? FindCredentialByKey(string key) =>
        State.Consumers.SelectMany(c => c.Credentials).FirstOrDefault(c => c.Key == key);

    private StoredConsumer NewStoredConsumer(string? username, string? customId) =>
        new(Guid.NewGuid().ToString(), username, customId, clock.GetUtcNow(), []);

    private StoredCredential NewStoredCredential(NewCredential credential)
    {
        var id = Guid.NewGuid().ToString();
        var sealedSecret = credential.Secret is { } secret ? CredentialSecrets.Seal(protector, id, secret) : null;
        return new(id, credential.Key!, credential.Algorithm, sealedSecret, credential.PublicKeyPem, clock.GetUtcNow());
    }

    /// <summary>32 characters, as Kong makes them.</summary>
    private static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static ConsumerView View(StoredConsumer c) => new(c.Id, c.Username, c.CustomId, c.CreatedAt);

    private static CredentialView View(StoredCredential c, StoredConsumer owner) =>
        new(c.Id, c.Key, c.Algorithm, c.PublicKeyPem, owner.Id, c.CreatedAt);
}
