using SessionService.Grains.Tokens;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Users;

/// <summary>
/// A password login as every surface reads it: <see cref="Device"/> null lets the server name the device;
/// <see cref="RefreshToken"/> is the one the client already holds, if any (it lets a live device past a lockout);
/// <see cref="Format"/> is the shape of the refresh tokens the new session hands out; <see cref="AllowEmail"/>
/// lets a name that is no username be an email address (as WordPress's login does).
/// </summary>
public sealed record SignInRequest(string Username, string Password, string? Device, string? DeviceName, ClientInfo Client, string? RefreshToken = null,
    RefreshTokenFormat Format = RefreshTokenFormat.Native,
    bool AllowEmail = false);
