using Microsoft.Data.Sqlite;
using SessionService.Silo.Storage;

namespace SessionService.Tests.Unit;

/// <summary>Which SQLite failures make the write path drop its pooled connections (a read-only open outlives the fault otherwise).</summary>
public sealed class SqliteConnectionFailureTests
{
    [Theory]
    [InlineData(8, true)]   // SQLITE_READONLY: opened while the file was not writable
    [InlineData(10, true)]  // SQLITE_IOERR
    [InlineData(13, true)]  // SQLITE_FULL
    [InlineData(5, false)]  // SQLITE_BUSY: the connection is fine
    [InlineData(19, false)] // SQLITE_CONSTRAINT
    public void BrokeItsConnection_LooksThroughWrappers(int code, bool broken)
    {
        var wrapped = new InvalidOperationException("provider", new SqliteException("sqlite", code));

        Assert.Equal(broken, SqliteDatabase.BrokeItsConnection(wrapped));
    }
}
