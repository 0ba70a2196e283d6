using System.Collections.Immutable;

namespace SessionService.Grains.Contracts;

/// <summary>
/// The gateway's consumers and their JWT credentials (singleton, key <see cref="ConsumerDirectory.Id"/>).
/// One writer, so usernames, custom ids and credential keys stay unique however many nodes create at
/// once, and an import is one write: all of it or none.
/// </summary>
[Alias("IConsumerDirectoryGrain")]
public interface IConsumerDirectoryGrain : IGrainWithStringKey
{
    [Alias("CreateConsumer")]
    Task<ConsumerChange> CreateConsumerAsync(NewConsumer consumer);

    /// <summary>The consumer with this username, created when missing (the configured anonymous consumer).</summary>
    [Alias("EnsureConsumer")]
    Task<ConsumerView> EnsureConsumerAsync(string username);

    /// <summary>By id, else by username.</summary>
    [Alias("FindConsumer")]
    Task<ConsumerView?> FindConsumerAsync(string idOrUsername);

    [Alias("ListConsumers")]
    Task<ConsumerPage> ListConsumersAsync(int offset, int size);

    [Alias("DeleteConsumer")]
    Task<bool> DeleteConsumerAsync(string idOrUsername);

    [Alias("AddCredential")]
    Task<CredentialChange> AddCredentialAsync(string consumer, NewCredential credential);

    /// <summary>Null when there is no such consumer.</summary>
    [Alias("ListCredentials")]
    Task<ImmutableArray<CredentialView>?> ListCredentialsAsync(string consumer);

    /// <summary>By credential id, else by key.</summary>
    [Alias("DeleteCredential")]
    Task<CredentialChange> DeleteCredentialAsync(string consumer, string idOrKey);

    [Alias("Import")]
    Task<ImportOutcome> ImportAsync(ImmutableArray<ImportedConsumer> consumers);

    /// <summary>Every credential with its consumer, and every consumer, for an API node's cache.</summary>
    [Alias("GetSnapshot")]
    Task<CredentialSnapshot> GetSnapshotAsync();
}

public static class ConsumerDirectory
{
    public const string Id = "default";
}
