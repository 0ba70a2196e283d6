namespace SessionService.Api.Tokens;

/// <summary>The JSON shape a claim must have; a claim of another shape makes the token invalid.</summary>
public enum ClaimShape
{
    /// <summary>A string of at least one character.</summary>
    NonEmptyString,

    /// <summary>A NumericDate as an integer JSON number (never a string, never a fraction).</summary>
    IntegerTime,

    /// <summary>An array whose items are all strings.</summary>
    StringArray,

    /// <summary>An object whose values are all strings.</summary>
    StringMap,
}
