namespace SessionService.Silo.ClusterSecret;

/// <summary>
/// Embedded mode's proof: an object that exists only in this process's memory. Orleans hands a call inside the
/// process its request context by reference (the object is immutable), so the receiving side sees the very
/// same object. It has no serializer: it can never be sent to another process, nothing that arrives from one
/// can be it, and there is no secret that could leak. No cryptography runs per call.
/// </summary>
public sealed class ProcessCallProof : ICallProof
{
    private readonly Token _token = new();

    public object Create(IGrainCallContext call) => _token;

    public bool Verify(object? presented, IGrainCallContext call) => ReferenceEquals(presented, _token);

    [Immutable]
    private sealed class Token;
}
