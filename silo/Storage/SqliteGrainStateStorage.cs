using System.Globalization;
using System.Runtime.InteropServices;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace SessionService.Silo.Storage;

/// <summary>
/// The embedded mode's grain storage: a row per grain state in the SQLite file, the state in Orleans' binary
/// serialization, the row's version as the ETag. Versions work as in Orleans' own providers: a first write
/// (no ETag) creates the row, a later one must name the row's current version, anything else is an
/// <see cref="InconsistentStateException"/>; a clear keeps the row with no payload and a new version.
/// Writes and clears are answered once durable (<see cref="StateWriter"/>).
/// </summary>
public sealed class SqliteGrainStateStorage : IGrainStorage, IDisposable
{
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activators;
    private readonly StateReaders _readers;
    private readonly StateWriter _writer;
    private readonly LegacyStateLookup? _legacy;

    /// <summary>Opens (and creates when missing) the database at <paramref name="databasePath"/>.</summary>
    /// <param name="legacyServiceId">The service whose states a migration left in the renamed old table, to look up keys it could not spell back (<see cref="LegacyStateLookup"/>).</param>
    public SqliteGrainStateStorage(string databasePath, IGrainStorageSerializer serializer, IActivatorProvider activators, string? legacyServiceId = null)
    {
        SqliteDatabase.EnsureCreated(databasePath);
        _serializer = serializer;
        _activators = activators;
        _readers = new StateReaders(databasePath);
        _writer = new StateWriter(databasePath);
        _legacy = legacyServiceId is null ? null : LegacyStateLookup.Open(databasePath, legacyServiceId);
    }

    /// <summary>Writes and clears queued that the writer has not taken into a batch yet: how far it is behind.</summary>
    public int WaitingChanges => _writer.Waiting;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var row = _readers.Read(stateName, grainId.ToString());
        if (row is null && _legacy?.Read(stateName, grainId) is { } legacy)
        {
            // No row of its own yet: its first write creates one, as for any grain without an ETag.
            grainState.ETag = null;
            grainState.RecordExists = legacy.Payload is not null;
            grainState.State = legacy.Payload is { } oldPayload ? _serializer.Deserialize<T>(new BinaryData(oldPayload)) ?? NewState<T>() : NewState<T>();
            return Task.CompletedTask;
        }

        grainState.ETag = row?.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = row?.Payload is not null;
        grainState.State = row?.Payload is { } payload
            ? _serializer.Deserialize<T>(new BinaryData(payload)) ?? NewState<T>()
            : NewState<T>();
        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var change = StateChange.Write(stateName, grainId.ToString(), VersionOf(grainState), Serialize(grainState.State));
        _writer.Enqueue(change);
        var version = await change.Outcome ?? throw Conflict("write", stateName, grainId, grainState);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // As Orleans' ADO.NET provider: a grain that knows of no row looks first, and has nothing to clear when there is none.
        if (!grainState.RecordExists && string.IsNullOrWhiteSpace(grainState.ETag))
        {
            await ReadStateAsync(stateName, grainId, grainState);
            if (!grainState.RecordExists)
            {
                return;
            }
        }

        var change = StateChange.Clear(stateName, grainId.ToString(), VersionOf(grainState));
        _writer.Enqueue(change);
        var version = await change.Outcome ?? throw Conflict("clear", stateName, grainId, grainState);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = false;
        grainState.State = NewState<T>();
    }

    /// <summary>Answers the writes queued so far, then closes the database.</summary>
    public void Dispose()
    {
        _writer.Dispose();
        _readers.Dispose();
        _legacy?.Dispose();
    }

    private byte[] Serialize<T>(T state)
    {
        var bytes = _serializer.Serialize(state).ToMemory();
        return MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : bytes.ToArray();
    }

    private static long? VersionOf<T>(IGrainState<T> grainState) =>
        string.IsNullOrWhiteSpace(grainState.ETag) ? null : long.Parse(grainState.ETag, NumberStyles.None, CultureInfo.InvariantCulture);

    private T NewState<T>() => _activators.GetActivator<T>().Create();

    private static InconsistentStateException Conflict<T>(string operation, string stateName, GrainId grainId, IGrainState<T> grainState) =>
        new($"Version conflict ({operation}): state {stateName} of {grainId} has changed since version '{grainState.ETag}' was read.");
}
