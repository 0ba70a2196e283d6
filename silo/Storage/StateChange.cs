namespace SessionService.Silo.Storage;

/// <summary>
/// One queued write or clear of a grain's state. Completes with the row's new version, or with null when the
/// row's version was not <see cref="ExpectedVersion"/> (a stale writer).
/// </summary>
internal sealed class StateChange(string stateName, string grainId, long? expectedVersion, byte[]? payload, bool clears)
{
    private readonly TaskCompletionSource<long?> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string StateName => stateName;
    public string GrainId => grainId;

    /// <summary>The version the grain last saw; null for a grain that saw no row.</summary>
    public long? ExpectedVersion => expectedVersion;

    /// <summary>The serialized state; null for a clear.</summary>
    public byte[]? Payload => payload;

    public bool Clears => clears;

    public Task<long?> Outcome => _outcome.Task;

    public static StateChange Write(string stateName, string grainId, long? expectedVersion, byte[] payload) =>
        new(stateName, grainId, expectedVersion, payload, clears: false);

    public static StateChange Clear(string stateName, string grainId, long? expectedVersion) =>
        new(stateName, grainId, expectedVersion, null, clears: true);

    public void Succeed(long? newVersion) => _outcome.TrySetResult(newVersion);

    public void Fail(Exception error) => _outcome.TrySetException(error);
}
