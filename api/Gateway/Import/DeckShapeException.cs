namespace SessionService.Api.Gateway.Import;

/// <summary>A value of the wrong shape inside one <c>consumers</c> entry; the detail names where.</summary>
internal sealed class DeckShapeException(string detail) : Exception(detail);
