namespace SessionService.Api;

/// <summary>Log messages of the API. Never a token, a password or a hash of either.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2001, EventName = "RequestFailed", Level = LogLevel.Error,
        Message = "{Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 2002, EventName = "KeyReloadFailed", Level = LogLevel.Warning,
        Message = "Reloading signing keys failed; keeping the current ones")]
    public static partial void KeyReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2003, EventName = "ClusterSyncFailed", Level = LogLevel.Warning,
        Message = "Syncing with the cluster failed; will retry")]
    public static partial void ClusterSyncFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2004, EventName = "AdminCreated", Level = LogLevel.Information,
        Message = "Created admin user {Username} ({UserId})")]
    public static partial void AdminCreated(ILogger logger, string username, string userId);

    [LoggerMessage(EventId = 2005, EventName = "KeyEncryptionKeyInDataDirectory", Level = LogLevel.Warning,
        Message = "The key-encryption key is the file {Path}, inside the data directory: a copy of that directory opens the signing keys sealed in it. Set Auth:KeyEncryptionSecret (from a secret store or environment) to keep the key elsewhere")]
    public static partial void KeyEncryptionKeyInDataDirectory(ILogger logger, string path);

    [LoggerMessage(EventId = 2006, EventName = "ConsumerReloadFailed", Level = LogLevel.Warning,
        Message = "Reloading consumer credentials failed; keeping the current ones")]
    public static partial void ConsumerReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2007, EventName = "ClaimsHookFailed", Level = LogLevel.Warning,
        Message = "The claims hook failed on {Event}: {Problem}")]
    public static partial void ClaimsHookFailed(ILogger logger, string @event, string problem);

    [LoggerMessage(EventId = 2008, EventName = "WordPressUsersImported", Level = LogLevel.Information,
        Message = "Imported WordPress users: {Created} created, {Skipped} already there")]
    public static partial void WordPressUsersImported(ILogger logger, int created, int skipped);
    [LoggerMessage(EventId = 2030, EventName = "IssuerNotBaseUrl", Level = LogLevel.Warning,
        Message = "Auth:Issuer is '{Issuer}', not an absolute http(s) URL: strict OAuth and OpenID discovery clients refuse discovery unless the issuer is the public base URL the metadata is served under (e.g. https://auth.example.com). Set Auth:Issuer to it")]
    public static partial void IssuerNotBaseUrl(ILogger logger, string issuer);
}
