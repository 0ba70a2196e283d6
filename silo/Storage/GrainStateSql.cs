namespace SessionService.Silo.Storage;

/// <summary>
/// The state table and the statements on it. One row per (state name, grain id): the grain id in its full
/// string form, so two grains never share a row. A version counts the row's writes and is the grain's ETag;
/// a cleared state keeps its row (payload NULL, version bumped) so that a writer that saw an older version
/// still fails afterwards.
/// </summary>
internal static class GrainStateSql
{
    public const string CreateTable = """
        CREATE TABLE IF NOT EXISTS grain_state
        (
            state_name TEXT    NOT NULL,
            grain_id   TEXT    NOT NULL,
            version    INTEGER NOT NULL,
            payload    BLOB    NULL,
            PRIMARY KEY (state_name, grain_id)
        );
        """;

    public const string Read = "SELECT version, payload FROM grain_state WHERE state_name = $state AND grain_id = $grain";

    /// <summary>A first write: nothing comes back when a row is there already (the writer missed it).</summary>
    public const string Insert = """
        INSERT INTO grain_state (state_name, grain_id, version, payload) VALUES ($state, $grain, 1, $payload)
        ON CONFLICT DO NOTHING
        RETURNING version
        """;

    /// <summary>A later write: nothing comes back unless the row still has the version the writer saw.</summary>
    public const string Update = """
        UPDATE grain_state SET payload = $payload, version = version + 1
         WHERE state_name = $state AND grain_id = $grain AND version = $version
        RETURNING version
        """;

    public const string Clear = """
        UPDATE grain_state SET payload = NULL, version = version + 1
         WHERE state_name = $state AND grain_id = $grain AND version = $version
        RETURNING version
        """;
}
