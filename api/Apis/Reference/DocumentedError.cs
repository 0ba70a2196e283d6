namespace SessionService.Api.Apis.Reference;

/// <summary>An error an operation can answer: its status and stable code, as the OpenAPI document lists it.</summary>
public readonly record struct DocumentedError(int Status, string Code);
