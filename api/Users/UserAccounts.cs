using System.Collections.Immutable;
using SessionService.Grains;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Users;

public enum CreateUserOutcome
{
    Created,
    InvalidUsername,
    WeakPassword,
    UsernameTaken,
}

/// <summary>Creating a user: claim the unique name first, then create the user grain under a new id.</summary>
public sealed class UserAccounts(IGrainFactory grains, Passwords passwords)
{
    public const int MaxRoles = 20;
    public const int MaxRoleLength = 64;

    public async Task<(CreateUserOutcome Outcome, UserView? User, string? Detail)> CreateAsync(
        string username, string password, IReadOnlyList<string> roles)
    {
        if (!Usernames.IsValid(username))
        {
            return (CreateUserOutcome.InvalidUsername, null,
                $"A user name has 3 to {Usernames.MaxLength} letters, digits or . _ - @.");
        }

        if (Passwords.Weakness(password, username) is { } weakness)
        {
            return (CreateUserOutcome.WeakPassword, null, weakness);
        }

        var userId = Ids.NewUserId();
        if (!await grains.GetGrain<IUsernameGrain>(Usernames.Normalize(username)).TryClaimAsync(userId))
        {
            return (CreateUserOutcome.UsernameTaken, null, "That user name is taken.");
        }

        var user = await grains.GetGrain<IUserGrain>(userId)
            .CreateAsync(new NewUser(username.Trim(), passwords.Hash(password), [.. roles.Distinct(StringComparer.Ordinal)]));
        return (CreateUserOutcome.Created, user, null);
    }

    public async Task<string?> FindIdAsync(string username) =>
        Usernames.IsValid(username)
            ? await grains.GetGrain<IUsernameGrain>(Usernames.Normalize(username)).GetUserIdAsync()
            : null;

    public static bool IsValidRole(string role) =>
        role.Length is > 0 and <= MaxRoleLength && role.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ':' or '.');

    public static ImmutableArray<string> AdminRoles => ["admin"];
}
