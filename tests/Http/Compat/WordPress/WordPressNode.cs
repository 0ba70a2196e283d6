using Microsoft.AspNetCore.Mvc.Testing;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http.Compat.WordPress;

/// <summary>
/// One node with the WordPress surface on, shared by the WordPress test classes: HS256 with a known secret,
/// as the plugin signs, so tests can also make tokens a forger holding the key could make.
/// </summary>
public sealed class WordPressNode : IAsyncLifetime
{
    public const string Collection = "WordPress surface";
    public const string Issuer = "https://blog.example.com";
    public const string Secret = "wordpress-surface-test-secret-0123456789abcdef";

    private OwnNode _node = null!;

    /// <summary>Keeps no cookies of its own: every test sends exactly the cookie it means.</summary>
    public HttpClient Client { get; private set; } = null!;

    public ApiFactory Factory => _node.Factory;

    public Task InitializeAsync()
    {
        _node = new OwnNode(new Dictionary<string, string?>
        {
            ["Compat:WordPress:Enabled"] = "true",
            ["Auth:Issuer"] = Issuer,
            ["Auth:Secret"] = Secret,
        });
        Client = _node.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();
}

[CollectionDefinition(WordPressNode.Collection)]
public sealed class WordPressCollection : ICollectionFixture<WordPressNode>;
