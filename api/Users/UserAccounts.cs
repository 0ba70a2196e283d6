using System.Collections.Immutable;
using SessionService.Grains;
using SessionService.Grains.Users;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Users;

public enum CreateUserOutcome
{
    Created,
    InvalidUsername,
    WeakPassword,
    UsernameTaken,
    NumberTaken,
}

/// <summary>What a new user may start with besides name, password and roles; all optional.</summary>
public sealed record NewUserDetails(long? Number = null, UserProfile? Profile = null, ImmutableSortedDictionary<string, string>? Claims = null)
{
    public static readonly NewUserDetails None = new();
}

/// <summary>
/// Creating a user: claim the unique name first, then create the user grain under a new id, then confirm
/// the claim. A name left held by a user that does not exist (a create or delete that failed halfway) is
/// taken over by the next create of it.
/// </summary>
public sealed class UserAccounts(IGrainFactory grains, Passwords passwords)
{
    public const int MaxRoles = 20;
    public const int MaxRoleLength = 64;

    public async Task<(CreateUserOutcome Outcome, UserView? User, string? Detail)> CreateAsync(
        string username, string password, IReadOnlyList<string> roles, NewUserDetails? details = null)
    {
        details ??= NewUserDetails.None;
        if (!Usernames.IsValid(username))
        {
            return (CreateUserOutcome.InvalidUsername, null,
                $"A user name has 3 to {Usernames.MaxLength} letters, digits or . _ - @, also once Unicode-normalized (NFKC).");
        }

        if (Passwords.Weakness(password, username) is { } weakness)
        {
            return (CreateUserOutcome.WeakPassword, null, weakness);
        }

        var userId = Ids.NewUserId();
        var name = grains.GetGrain<IUsernameGrain>(Usernames.Normalize(username));
        if (!await name.TryClaimAsync(userId) && !await TryReclaimAsync(name, userId))
        {
            return Taken;
        }

        // Claimed after the name, so a taken number can give the name back at once (a taken name keeps no number).
        if (details.Number is { } number && !await grains.GetGrain<IUserNumberGrain>(number).TryClaimAsync(userId))
        {
            await name.ReleaseAsync(userId);
            return (CreateUserOutcome.NumberTaken, null, $"User number {number} is taken (numbers are never reused).");
        }

        var grain = grains.GetGrain<IUserGrain>(userId);
        var user = await grain.CreateAsync(new NewUser(username.Trim(), passwords.Hash(password), [.. roles.Distinct(StringComparer.Ordinal)])
        {
            Number = details.Number,
            Profile = details.Profile,
            Claims = details.Claims,
        });
        if (!await name.ConfirmAsync(userId))
        {
            // This create took so long that its pending claim was taken as failed: the other create won.
            await grain.DeleteAsync();
            return Taken;
        }

        return (CreateUserOutcome.Created, user, null);
    }

    private static (CreateUserOutcome, UserView?, string?) Taken => (CreateUserOutcome.UsernameTaken, null, "That user name is taken.");

    /// <summary>
    /// Takes a name whose holder does not exist: a create that failed after claiming it, or a delete that
    /// failed after clearing the user and before releasing it. The claim is read before the holder is
    /// looked up, so a holder created in between changes the claim and the reclaim is refused.
    /// </summary>
    private async Task<bool> TryReclaimAsync(IUsernameGrain name, string userId) =>
        await name.GetClaimAsync() is { } seen
        && await grains.GetGrain<IUserGrain>(seen.UserId).GetProfileAsync() is null
        && await name.TryReclaimAsync(seen, userId);

    public async Task<string?> FindIdAsync(string username) =>
        Usernames.IsValid(username)
            ? await grains.GetGrain<IUsernameGrain>(Usernames.Normalize(username)).GetUserIdAsync()
            : null;

    public static bool IsValidRole(string role) =>
        role.Length is > 0 and <= MaxRoleLength && role.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ':' or '.');

    public static ImmutableArray<string> AdminRoles => ["admin"];
}
