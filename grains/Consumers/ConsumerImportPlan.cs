using System.Collections.Immutable;
using SessionService.Grains.Contracts;

namespace SessionService.Grains.Consumers;

/// <summary>
/// Applies a decK file's consumers to a copy of the directory, entry by entry, so the grain writes the
/// result once or not at all. An entry naming an existing consumer (by username, else custom id) with the
/// same username and custom id is that consumer: skipped, and only its new credentials are added.
/// </summary>
internal sealed class ConsumerImportPlan(
    ImmutableList<StoredConsumer> consumers,
    Func<string?, string?, StoredConsumer> newConsumer,
    Func<NewCredential, StoredCredential> newCredential,
    Func<string> newKey)
{
    public ImmutableList<StoredConsumer> Consumers { get; private set; } = consumers;

    public int Created { get; private set; }

    public int Skipped { get; private set; }

    public int CredentialsCreated { get; private set; }

    public int CredentialsSkipped { get; private set; }

    public bool ChangesAnything => Created + CredentialsCreated > 0;

    public DirectoryError Add(ImportedConsumer entry)
    {
        var existing = Consumers.Find(c => entry.Username is not null ? c.Username == entry.Username : c.CustomId == entry.CustomId);
        StoredConsumer owner;
        if (existing is not null)
        {
            if (existing.Username != entry.Username || existing.CustomId != entry.CustomId)
            {
                return DirectoryError.ConsumerExists;
            }

            owner = existing;
            Skipped++;
        }
        else
        {
            if (entry.CustomId is not null && Consumers.Exists(c => c.CustomId == entry.CustomId))
            {
                return DirectoryError.ConsumerExists;
            }

            owner = newConsumer(entry.Username, entry.CustomId);
            Consumers = Consumers.Add(owner);
            Created++;
        }

        foreach (var credential in entry.Credentials)
        {
            var key = credential.Key ?? newKey();
            var holder = Consumers.Find(c => c.Credentials.Exists(k => k.Key == key));
            if (holder is not null)
            {
                if (holder.Id != owner.Id || holder.Credentials.Find(k => k.Key == key)!.Algorithm != credential.Algorithm)
                {
                    return DirectoryError.CredentialExists;
                }

                CredentialsSkipped++;
                continue;
            }

            var current = Consumers.Find(c => c.Id == owner.Id)!;
            Consumers = Consumers.Replace(current, current with { Credentials = current.Credentials.Add(newCredential(credential with { Key = key })) });
            CredentialsCreated++;
        }

        return DirectoryError.None;
    }
}
