using System.Collections.Concurrent;

namespace SessionService.Api.Gateway.Verification;

/// <summary>
/// Instances of one public key, each used by one thread at a time: .NET does not promise that an
/// <see cref="System.Security.Cryptography.AsymmetricAlgorithm"/> may verify on several threads at once.
/// </summary>
internal sealed class KeyPool<T>(Func<T> create)
    where T : class, IDisposable
{
    private static readonly int Kept = Math.Max(2, Environment.ProcessorCount);
    private readonly ConcurrentQueue<T> _idle = new();

    public T Rent() => _idle.TryDequeue(out var idle) ? idle : create();

    public void Return(T key)
    {
        if (_idle.Count < Kept)
        {
            _idle.Enqueue(key);
        }
        else
        {
            key.Dispose();
        }
    }
}
