namespace SessionService.Cli.Http;

/// <summary>A query string of the parameters that were given (absent options send nothing), each value escaped.</summary>
public static class QueryString
{
    /// <summary>"?a=1&amp;b=2", or "" when no parameter has a value.</summary>
    public static string Of(params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => p.Value is not null).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!)).ToList();
        return given.Count > 0 ? "?" + string.Join("&", given) : "";
    }
}
