using System.Collections.Immutable;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Grains.Users;

namespace SessionService.Api.Users;

public enum CreateUserOutcome
{
    Created,
    InvalidUsername,
    WeakPassword,
    UsernameTaken,
    NumberTaken,
}

public enum ImportOutcome
{
    Created,
    Skipped,
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

    public static readonly string UsernameRule = $"A user name has 3 to {Usernames.MaxLength} letters, digits or . _ - @, also once Unicode-normalized (NFKC).";

    public async Task<(CreateUserOutcome Outcome, UserView? User, string? Detail)> CreateAsync(
        string username, string password, IReadOnlyList<string> roles, NewUserDetails? details = null)
    {
        details ??= NewUserDetails.None;
        if (!Usernames.IsValid(username))
        {
            return (CreateUserOutcome.InvalidUsername, null, UsernameRule);
        }

        if (Passwords.Weakness(password, username) is { } weakness)
        {
            return (CreateUserOutcome.WeakPassword, null, weakness);
        }

        if (details.Number is { } explicitNumber)
        {
            // Before anything is claimed, so the sequence's highest number (where user listing stops) covers this one.
            await grains.Grain<IUserNumberSequenceGrain>(IUserNumberSequenceGrain.Id).SkipPastAsync(explicitNumber);
        }

        var userId = Ids.NewUserId();
        var name = NameGrain(username);
        if (!await name.TryClaimAsync(userId) && !await TryReclaimAsync(name, userId))
        {
            return Taken;
        }

        var user = new NewUser(username.Trim(), passwords.Hash(password), [.. roles.Distinct(StringComparer.Ordinal)])
        {
            Number = details.Number,
            Profile = details.Profile,
            Claims = details.Claims,
        };
        var (outcome, created) = await CreateUnderClaimAsync(name, userId, user, releaseNameOnFailure: true);
        return outcome switch
        {
            ClaimedCreate.Created => (CreateUserOutcome.Created, created, null),
            ClaimedCreate.NumberTaken => (CreateUserOutcome.NumberTaken, null, NumberTakenDetail(details.Number!.Value)),
            // Also AlreadyCreated: an import took this unfinished claim over and made its own user under it.
            _ => Taken,
        };
    }

    /// <summary>
    /// Creates a user moved over from elsewhere with the number and password hash it had there (the caller checked
    /// the name, the hash and the profile). Safe to repeat and to run concurrently: a user already holding this
    /// name and number is <see cref="ImportOutcome.Skipped"/>, and a create that stopped halfway (storage
    /// failed after the name was claimed) is finished under the id it claimed.
    /// </summary>
    public async Task<(ImportOutcome Outcome, UserView? User)> ImportAsync(NewUser user)
    {
        var number = user.Number ?? throw new ArgumentException("An imported user keeps its number.", nameof(user));
        var name = NameGrain(user.Username);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var claim = await name.GetClaimAsync();
            if (claim is null)
            {
                var userId = Ids.NewUserId();
                if (await name.TryClaimAsync(userId))
                {
                    return Imported(await CreateUnderClaimAsync(name, userId, user, releaseNameOnFailure: true), number);
                }

                continue;
            }

            if (await grains.Grain<IUserGrain>(claim.UserId).GetProfileAsync() is { } holder)
            {
                return holder.Number == number ? (ImportOutcome.Skipped, holder) : (ImportOutcome.UsernameTaken, null);
            }

            if (claim.Pending)
            {
                // A create of this name that has not finished: an earlier run of this import that failed, or a
                // concurrent run of the same file. Either way the user is made under the id the name went to.
                return Imported(await CreateUnderClaimAsync(name, claim.UserId, user, releaseNameOnFailure: false), number);
            }

            var reclaimedId = Ids.NewUserId();
            if (await name.TryReclaimAsync(claim, reclaimedId))
            {
                return Imported(await CreateUnderClaimAsync(name, reclaimedId, user, releaseNameOnFailure: true), number);
            }
        }

        return (ImportOutcome.UsernameTaken, null);
    }

    private static (ImportOutcome, UserView?) Imported((ClaimedCreate Outcome, UserView? User) result, long number) => result.Outcome switch
    {
        ClaimedCreate.Created => (ImportOutcome.Created, result.User),
        ClaimedCreate.AlreadyCreated when result.User!.Number == number => (ImportOutcome.Skipped, result.User),
        ClaimedCreate.NumberTaken => (ImportOutcome.NumberTaken, null),
        _ => (ImportOutcome.UsernameTaken, null),
    };

    public static string NumberTakenDetail(long number) => $"User number {number} is taken (numbers are never reused).";

    private enum ClaimedCreate
    {
        Created,
        AlreadyCreated,
        NumberTaken,
        NameLost,
    }

    /// <summary>
    /// With the name claimed for <paramref name="userId"/>: claims the number, creates the user grain, confirms
    /// the name. The number is claimed after the name, so a taken number can give a fresh name claim back at
    /// once (a taken name keeps no number). <see cref="ClaimedCreate.AlreadyCreated"/>: another create of the
    /// same claim (a concurrent import) made the user first.
    /// </summary>
    private async Task<(ClaimedCreate Outcome, UserView? User)> CreateUnderClaimAsync(
        IUsernameGrain name, string userId, NewUser user, bool releaseNameOnFailure)
    {
        if (user.Number is { } number && !await grains.Grain<IUserNumberGrain>(number).TryClaimAsync(userId))
        {
            if (releaseNameOnFailure)
            {
                await name.ReleaseAsync(userId);
            }

            return (ClaimedCreate.NumberTaken, null);
        }

        var grain = grains.Grain<IUserGrain>(userId);
        var outcome = ClaimedCreate.Created;
        UserView? created;
        try
        {
            created = await grain.CreateAsync(user);
        }
        catch (InvalidOperationException)
        {
            outcome = ClaimedCreate.AlreadyCreated;
            created = await grain.GetProfileAsync();
        }

        if (created is null || !await name.ConfirmAsync(userId))
        {
            // This create took so long that its pending claim was taken as failed: the other create won.
            if (outcome == ClaimedCreate.Created)
            {
                await grain.DeleteAsync();
            }

            return (ClaimedCreate.NameLost, null);
        }

        return (outcome, created);
    }

    private IUsernameGrain NameGrain(string username) => grains.Grain<IUsernameGrain>(Usernames.Normalize(username));

    private static (CreateUserOutcome, UserView?, string?) Taken => (CreateUserOutcome.UsernameTaken, null, "That user name is taken.");

    /// <summary>
    /// Takes a name whose holder does not exist: a create that failed after claiming it, or a delete that
    /// failed after clearing the user and before releasing it. The claim is read before the holder is
    /// looked up, so a holder created in between changes the claim and the reclaim is refused.
    /// </summary>
    private async Task<bool> TryReclaimAsync(IUsernameGrain name, string userId) =>
        await name.GetClaimAsync() is { } seen
        && await grains.Grain<IUserGrain>(seen.UserId).GetProfileAsync() is null
        && await name.TryReclaimAsync(seen, userId);

    public async Task<string?> FindIdAsync(string username) =>
        Usernames.IsValid(username)
            ? await grains.Grain<IUsernameGrain>(Usernames.Normalize(username)).GetUserIdAsync()
            : null;

    /// <summary>
    /// The one user whose profile has this email, confirmed with the user (the index may lag a change);
    /// null when none does or several do.
    /// </summary>
    public async Task<string?> FindIdByEmailAsync(string email) =>
        await FindByEmailAsync(email) is [var only] ? only.Id : null;

    /// <summary>Every user whose profile has this email, each confirmed with the user (the index may lag a change).</summary>
    public async Task<IReadOnlyList<UserView>> FindByEmailAsync(string email)
    {
        if (email.Length is 0 or > UserProfileFields.MaxEmailLength || !email.Contains('@'))
        {
            return [];
        }

        var key = UserEmails.Normalize(email);
        var found = new List<UserView>();
        foreach (var userId in await grains.Grain<IUserEmailGrain>(key).GetUserIdsAsync())
        {
            if (await grains.Grain<IUserGrain>(userId).GetProfileAsync() is { Profile.Email: { } held } user && UserEmails.Normalize(held) == key)
            {
                found.Add(user);
            }
        }

        return found;
    }

    public static bool IsValidRole(string role) =>
        role.Length is > 0 and <= MaxRoleLength && role.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ':' or '.');

    public static ImmutableArray<string> AdminRoles => ["admin"];
}
