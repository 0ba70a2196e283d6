namespace SessionService.Api.Apis.Reference;

/// <summary>
/// An error an operation can answer: its status and stable code, as the OpenAPI document lists it. <see cref="Detail"/>
/// is the example's message where the surface has its own wording (the WordPress plugin's); otherwise the code's meaning.
/// </summary>
public readonly record struct DocumentedError(int Status, string Code, string? Detail = null);
