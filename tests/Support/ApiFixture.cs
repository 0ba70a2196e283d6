namespace SessionService.Tests.Support;

/// <summary>One embedded node shared by the HTTP tests of a collection.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private readonly TempDirectory _storage = new();

    public ApiFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new ApiFactory(_storage.Path);
        Client = Factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        _storage.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
