using System.Globalization;

namespace SessionService.Api.Http;

/// <summary>Whole numbers from a query string: plain digits only (no sign, spaces or exponent), within bounds.</summary>
public static class QueryNumbers
{
    /// <summary>True with <paramref name="fallback"/> when the parameter is absent; false when it is not a number from min to max.</summary>
    public static bool TryRead(string? text, long min, long max, long fallback, out long value)
    {
        value = fallback;
        return text is null || (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }

    public static bool TryRead(string? text, int min, int max, int fallback, out int value)
    {
        var read = TryRead(text, (long)min, max, fallback, out long wide);
        value = (int)wide;
        return read;
    }
}
