namespace SessionService.Cli.Output;

/// <summary>A column of a human table: its header and the field of each JSON row it shows.</summary>
/// <param name="UnixSeconds">The field is a Unix time (Kong's shapes); shown as RFC 3339 like the service's other times.</param>
public sealed record Column(string Header, string Field, bool UnixSeconds = false);
