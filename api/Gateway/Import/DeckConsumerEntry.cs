namespace SessionService.Api.Gateway.Import;

/// <summary>
/// The shape of one <c>consumers</c> entry and its <c>jwt_secrets</c>. Fields this service has no use
/// for (id, tags, created_at, acls, other credential kinds...) are ignored, as decK files carry them.
/// </summary>
internal static class DeckConsumerEntry
{
    /// <exception cref="DeckShapeException">The entry is not of the expected shape.</exception>
    public static ConsumerImport Read(DeckNode node, string path)
    {
        var entry = DeckFields.Map(node, path);
        var username = NonEmpty(DeckFields.Text(entry, "username", path), path, "username");
        var customId = NonEmpty(DeckFields.Text(entry, "custom_id", path), path, "custom_id");
        if (username is null && customId is null)
        {
            throw new DeckShapeException($"{path} needs a username or a custom_id.");
        }

        var secrets = DeckFields.List(entry, "jwt_secrets", path);
        var credentials = secrets.Select((secret, i) => ReadCredential(secret, $"{path}.jwt_secrets[{i}]")).ToList();
        return new ConsumerImport(username, customId, credentials);
    }

    private static CredentialImport ReadCredential(DeckNode node, string path)
    {
        var secret = DeckFields.Map(node, path);
        return new CredentialImport(
            DeckFields.Text(secret, "key", path),
            DeckFields.Text(secret, "algorithm", path),
            DeckFields.Text(secret, "secret", path),
            DeckFields.Text(secret, "rsa_public_key", path));
    }

    private static string? NonEmpty(string? value, string path, string name) => value is ""
        ? throw new DeckShapeException($"{path}.{name} must not be empty.")
        : value;
}
