using System.Globalization;

namespace SessionService.Silo.Storage;

/// <summary>
/// The grain id behind a row of Orleans' ADO.NET storage table, which kept a grain's key taken apart:
/// a key that reads as a GUID (32 hex digits, optionally "+extension") as its two halves (N0, N1), one that
/// reads as a hexadecimal integer as N1, and any other key whole in the extension column. The grain type
/// was not stored at all (only the state name), so the caller supplies it.
/// A key is put back together the way Orleans spells GUID and integer keys (lower-case GUID, upper-case hex
/// without leading zeros): a string key that merely looked like one of them, in another spelling, comes
/// back in Orleans' spelling. Orleans' provider already kept such spellings in one row; <see cref="LegacyStateLookup"/>
/// finds that row for a grain asking under its own spelling.
/// </summary>
internal static class LegacyGrainKey
{
    public static GrainId ToGrainId(GrainType grainType, long n0, long n1, string? extension) =>
        GrainId.Create(grainType, KeyOf(n0, n1, extension));

    /// <summary>How Orleans' provider took a grain's key apart: as a GUID if it reads as one, else as an integer, else whole.</summary>
    public static (long N0, long N1, string? Extension) PartsOf(GrainId grainId)
    {
        if (grainId.TryGetGuidKey(out var guid, out var guidExtension))
        {
            Span<byte> bytes = stackalloc byte[16];
            guid.TryWriteBytes(bytes);
            return (BitConverter.ToInt64(bytes), BitConverter.ToInt64(bytes[8..]), guidExtension);
        }

        return grainId.TryGetIntegerKey(out var integer, out var integerExtension)
            ? (0, integer, integerExtension)
            : (0, 0, grainId.Key.ToString());
    }

    private static string KeyOf(long n0, long n1, string? extension)
    {
        // An integer key leaves N0 at 0; so does a GUID only when its first eight bytes are zero, which a
        // random (version 4) GUID never has. A key that was neither leaves both at 0 and is the extension.
        if (n0 != 0)
        {
            return WithExtension(GuidOf(n0, n1).ToString("N"), extension);
        }

        if (n1 != 0 || extension is null)
        {
            return WithExtension(n1.ToString("X", CultureInfo.InvariantCulture), extension);
        }

        return extension;
    }

    private static string WithExtension(string key, string? extension) => extension is null ? key : key + "+" + extension;

    /// <summary>The GUID whose bytes (in <see cref="Guid.ToByteArray()"/> order) are N0's then N1's, little-endian.</summary>
    private static Guid GuidOf(long n0, long n1)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, n0);
        BitConverter.TryWriteBytes(bytes[8..], n1);
        return new Guid(bytes);
    }
}
