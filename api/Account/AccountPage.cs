using System.Reflection;

namespace SessionService.Api.Account;

/// <summary>
/// The self-service account page at <c>/account</c>: static HTML, script and style embedded in this assembly,
/// each served with <see cref="AccountPageHeaders"/>. The page talks to the public <c>/auth</c> endpoints only.
/// </summary>
public static class AccountPage
{
    public const string Path = "/account";

    private static readonly (string Route, string Resource, string ContentType)[] Files =
    [
        (Path, "account.html", "text/html; charset=utf-8"),
        (Path + "/account.js", "account.js", "text/javascript; charset=utf-8"),
        (Path + "/account.css", "account.css", "text/css; charset=utf-8"),
    ];

    public static IEndpointRouteBuilder MapAccountPage(this IEndpointRouteBuilder app)
    {
        foreach (var (route, resource, contentType) in Files)
        {
            var bytes = Read(resource);
            app.MapGet(route, (HttpContext http) =>
            {
                AccountPageHeaders.Apply(http.Response);
                return TypedResults.Bytes(bytes, contentType);
            }).ExcludeFromDescription();
        }

        return app;
    }

    private static byte[] Read(string resource)
    {
        using var stream = typeof(AccountPage).Assembly.GetManifestResourceStream($"{typeof(AccountPage).Namespace}.Page.{resource}")
            ?? throw new InvalidOperationException($"The account page resource {resource} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
