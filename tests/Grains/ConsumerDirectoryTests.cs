using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SessionService.Grains;
using SessionService.Grains.Consumers;
using SessionService.Grains.Contracts;
using SessionService.Grains.Keys;

namespace SessionService.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class ConsumerDirectoryTests(GrainClusterFixture fixture)
{
    private IConsumerDirectoryGrain NewDirectory() =>
        fixture.Grains.GetGrain<IConsumerDirectoryGrain>("directory-" + Guid.NewGuid().ToString("N"));

    private static NewCredential Hs256(string? key, byte[]? secret = null) =>
        new(key, "HS256", secret ?? RandomNumberGenerator.GetBytes(32), null);

    [Fact]
    public async Task CreateConsumer_IsFoundByIdAndUsername_AndUsernameOrCustomIdTakenTwiceIsRefused()
    {
        var directory = NewDirectory();

        var created = (await directory.CreateConsumerAsync(new("alice", "cust-1"))).Consumer!;

        Assert.Equal(created, await directory.FindConsumerAsync(created.Id));
        Assert.Equal(created, await directory.FindConsumerAsync("alice"));
        Assert.Null(await directory.FindConsumerAsync("bob"));
        Assert.Equal(DirectoryError.ConsumerExists, (await directory.CreateConsumerAsync(new("alice", null))).Error);
        Assert.Equal(DirectoryError.ConsumerExists, (await directory.CreateConsumerAsync(new("bob", "cust-1"))).Error);
        Assert.Equal(DirectoryError.None, (await directory.CreateConsumerAsync(new("bob", "cust-2"))).Error);
    }

    [Fact]
    public async Task ConcurrentCreation_OfOneUsername_CreatesExactlyOne()
    {
        var directory = NewDirectory();

        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(() => directory.CreateConsumerAsync(new("racer", null)))));

        Assert.Single(results, r => r.Error == DirectoryError.None);
        Assert.Equal(23, results.Count(r => r.Error == DirectoryError.ConsumerExists));
        Assert.Single((await directory.ListConsumersAsync(0, 100)).Data);
    }

    [Fact]
    public async Task ConcurrentCredentials_WithOneKey_OnDifferentConsumers_CreateExactlyOne()
    {
        var directory = NewDirectory();
        var owners = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => directory.CreateConsumerAsync(new($"owner-{i}", null))));

        var results = await Task.WhenAll(owners.Select(o => Task.Run(() => directory.AddCredentialAsync(o.Consumer!.Id, Hs256("shared-key")))));

        Assert.Single(results, r => r.Error == DirectoryError.None);
        Assert.All(results.Where(r => r.Error != DirectoryError.None), r => Assert.Equal(DirectoryError.CredentialExists, r.Error));
        Assert.Single((await directory.GetSnapshotAsync()).Credentials, c => c.Key == "shared-key");
    }

    [Fact]
    public async Task Credential_WithoutKey_GetsA32CharacterKey_AndIsListedAndDeletedByIdOrKey()
    {
        var directory = NewDirectory();
        await directory.CreateConsumerAsync(new("carol", null));

        var first = (await directory.AddCredentialAsync("carol", Hs256(null))).Credential!;
        var second = (await directory.AddCredentialAsync("carol", Hs256("given"))).Credential!;

        Assert.Equal(32, first.Key.Length);
        Assert.Equal(2, (await directory.ListCredentialsAsync("carol"))!.Value.Length);
        Assert.Equal(DirectoryError.None, (await directory.DeleteCredentialAsync("carol", first.Id)).Error);
        Assert.Equal(DirectoryError.None, (await directory.DeleteCredentialAsync("carol", "given")).Error);
        Assert.Equal(DirectoryError.CredentialNotFound, (await directory.DeleteCredentialAsync("carol", second.Id)).Error);
        Assert.Equal(DirectoryError.ConsumerNotFound, (await directory.DeleteCredentialAsync("nobody", "given")).Error);
        Assert.Equal(DirectoryError.ConsumerNotFound, (await directory.AddCredentialAsync("nobody", Hs256(null))).Error);
        Assert.Empty((await directory.ListCredentialsAsync("carol"))!.Value);
        Assert.Null(await directory.ListCredentialsAsync("nobody"));
    }

    [Fact]
    public async Task DeletingAConsumer_RemovesItsCredentialsFromTheSnapshot_AndRaisesTheVersion()
    {
        var directory = NewDirectory();
        await directory.CreateConsumerAsync(new("dave", null));
        await directory.AddCredentialAsync("dave", Hs256("dave-key"));
        var before = await directory.GetSnapshotAsync();

        Assert.True(await directory.DeleteConsumerAsync("dave"));

        var after = await directory.GetSnapshotAsync();
        Assert.Contains(before.Credentials, c => c.Key == "dave-key");
        Assert.DoesNotContain(after.Credentials, c => c.Key == "dave-key");
        Assert.Empty(after.Consumers);
        Assert.True(after.Version > before.Version);
        Assert.False(await directory.DeleteConsumerAsync("dave"));
    }

    [Fact]
    public async Task HsSecret_IsStoredSealed_AndOpensOnlyForItsOwnCredential()
    {
        var directory = NewDirectory();
        await directory.CreateConsumerAsync(new("erin", null));
        var secret = RandomNumberGenerator.GetBytes(48);
        var credential = (await directory.AddCredentialAsync("erin", new NewCredential("erin-key", "HS384", secret, null))).Credential!;

        var storage = fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Sessions);
        var stored = new GrainState<ConsumerDirectoryState>();
        await storage.ReadStateAsync("consumers", directory.GetGrainId(), stored);
        var sealedSecret = stored.State!.Consumers.Single().Credentials.Single().SealedSecret!;
        var raw = System.IO.Directory.GetFiles(fixture.StoragePath, "sessions.db*").SelectMany(File.ReadAllBytes).ToArray();
        var protector = fixture.Cluster.GetSiloServiceProvider().GetRequiredService<KeyProtector>();

        Assert.True(raw.AsSpan().IndexOf(secret) < 0, "the secret is stored in the clear");
        Assert.Equal(secret, CredentialSecrets.Open(protector, credential.Id, sealedSecret));
        Assert.ThrowsAny<CryptographicException>(() => CredentialSecrets.Open(protector, "another-credential", sealedSecret));
    }

    [Fact]
    public async Task ListConsumers_PagesInCreationOrder()
    {
        var directory = NewDirectory();
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            await directory.CreateConsumerAsync(new(name, null));
        }

        var first = await directory.ListConsumersAsync(0, 2);
        var last = await directory.ListConsumersAsync(4, 2);

        Assert.Equal(["a", "b"], first.Data.Select(c => c.Username));
        Assert.Equal(2, first.NextOffset);
        Assert.Equal(["e"], last.Data.Select(c => c.Username));
        Assert.Null(last.NextOffset);
    }

    [Fact]
    public async Task Import_IsAllOrNothing_AndAgainSkipsWhatItCreated()
    {
        var directory = NewDirectory();
        await directory.CreateConsumerAsync(new("taken", "taken-custom"));
        ImmutableArray<ImportedConsumer> good =
        [
            new("partner-a", null, [Hs256("a-key")]),
            new(null, "partner-b", [Hs256("b-key"), Hs256(null)]),
        ];
        ImmutableArray<ImportedConsumer> conflicting = [.. good, new("taken", "other-custom", [])];

        var refused = await directory.ImportAsync(conflicting);
        Assert.Equal((2, DirectoryError.ConsumerExists), (refused.FailedIndex, refused.Error));
        Assert.Single((await directory.ListConsumersAsync(0, 100)).Data);

        var imported = await directory.ImportAsync(good);
        Assert.Equal((2, 0, 3, 0, (int?)null), (imported.Created, imported.Skipped, imported.CredentialsCreated, imported.CredentialsSkipped, imported.FailedIndex));

        var again = await directory.ImportAsync([good[0], new("partner-c", null, [Hs256("b-key")])]);
        Assert.Equal((1, DirectoryError.CredentialExists), (again.FailedIndex, again.Error));
        var repeated = await directory.ImportAsync([good[0]]);
        Assert.Equal((0, 1, 0, 1), (repeated.Created, repeated.Skipped, repeated.CredentialsCreated, repeated.CredentialsSkipped));
        Assert.Equal(3, (await directory.ListConsumersAsync(0, 100)).Data.Length);
    }

    [Fact]
    public async Task EnsureConsumer_CreatesOnce()
    {
        var directory = NewDirectory();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => directory.EnsureConsumerAsync("anonymous"))));

        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Single((await directory.ListConsumersAsync(0, 100)).Data);
    }
}
