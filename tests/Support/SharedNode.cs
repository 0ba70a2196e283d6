namespace SessionService.Tests.Support;

/// <summary>
/// An <see cref="OwnNode"/> with given settings that all tests of one class share (an IClassFixture), for
/// classes whose tests each use their own users and so need no node of their own. Derive one type per
/// class: xunit tells class fixtures apart by type.
/// </summary>
public abstract class SharedNode(IDictionary<string, string?> settings) : IAsyncLifetime
{
    public OwnNode Node { get; private set; } = null!;

    public virtual Task InitializeAsync()
    {
        Node = new OwnNode(settings);
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await Node.DisposeAsync();
}
