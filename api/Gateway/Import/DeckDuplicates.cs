namespace SessionService.Api.Gateway.Import;

/// <summary>
/// Usernames, custom_ids and credential keys already seen in the file, so that the second use of one
/// is refused at its own entry. Whether they clash with what is already stored is judged elsewhere.
/// </summary>
internal sealed class DeckDuplicates
{
    private readonly Dictionary<string, int> usernames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> customIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> keys = new(StringComparer.Ordinal);

    /// <summary>Records the consumer at <paramref name="index"/>; the problem when something of it was seen before.</summary>
    public string? Add(int index, ConsumerImport consumer)
    {
        var path = $"consumers[{index}]";
        var problem = Claim(usernames, consumer.Username, index, $"{path}.username")
            ?? Claim(customIds, consumer.CustomId, index, $"{path}.custom_id");
        for (var i = 0; problem is null && i < consumer.Credentials.Count; i++)
        {
            problem = Claim(keys, consumer.Credentials[i].Key, index, $"{path}.jwt_secrets[{i}].key");
        }

        return problem;
    }

    private static string? Claim(Dictionary<string, int> seen, string? value, int index, string path)
    {
        if (value is null || seen.TryAdd(value, index))
        {
            return null;
        }

        return $"{path} '{value}' is already used by consumers[{seen[value]}].";
    }
}
