namespace SessionService.Testing;

/// <summary>A user made by <see cref="InMemorySessionService.CreateUserAsync"/>.</summary>
public sealed record TestUser(string Id, string Username, string Password);

/// <summary>One device session's tokens, from a login.</summary>
public sealed record TestTokens(string AccessToken, string RefreshToken, string Device);
