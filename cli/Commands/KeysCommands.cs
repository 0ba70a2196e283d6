using System.CommandLine;
using System.Text.Json;
using SessionService.Cli.Output;

namespace SessionService.Cli.Commands;

/// <summary><c>keys rotate|list</c>: rotation through <c>/admin/keys/rotate</c>, the list from the public JWKS.</summary>
public static class KeysCommands
{
    private static readonly Column[] Columns = [new("KID", "kid"), new("KTY", "kty"), new("ALG", "alg"), new("USE", "use"), new("CRV", "crv")];

    public static Command Build(CommandBinder binder)
    {
        var keys = new Command("keys", "The signing keys.");

        var rotate = new Command("rotate", "Make a new active signing key on every node; older keys keep verifying their tokens until those expire.");
        binder.Bind(rotate, async (context, cancellationToken) =>
            context.Output.Item(await context.Service.PostAsync("admin/keys/rotate", null, cancellationToken)));
        keys.Add(rotate);

        var list = new Command("list", "List the public keys that verify access tokens (the JWKS; symmetric keys are never published).");
        binder.Bind(list, async (context, cancellationToken) =>
        {
            var answer = await context.Service.SendAsync(HttpMethod.Get, ".well-known/jwks.json", null, authenticated: false, cancellationToken);
            var published = answer.Json().GetProperty("keys");
            context.Output.Rows(answer, Columns, _ => published.EnumerateArray());
            if (published.GetArrayLength() == 0)
            {
                context.Output.Note("No public keys: the service signs with a shared secret (HS*), which JWKS never shows.");
            }
        });
        keys.Add(list);
        return keys;
    }
}
