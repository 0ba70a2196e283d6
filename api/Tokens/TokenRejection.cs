namespace SessionService.Api.Tokens;

/// <summary>Why a token was refused: a contract error code and a detail for humans.</summary>
public sealed record TokenRejection(string Code, string Detail);
