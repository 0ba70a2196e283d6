using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Grains.Users;

namespace SessionService.Api.Users;

/// <summary>
/// One page of users: those with a number above <see cref="After"/> (0: from the start), optionally only the one
/// with this name, those with this email, or those (not) disabled.
/// </summary>
public sealed record UserListQuery(int Limit, long After = 0, string? Username = null, string? Email = null, bool? Disabled = null);

/// <summary>The users of a page in number order, and the number to list after for the next page (null: the end).</summary>
public sealed record UserPage(IReadOnlyList<UserView> Users, long? Next);

/// <summary>
/// Lists users in user-number order over the grains that already hold them, with no directory state of its own:
/// a page walks numbers upwards from the cursor asking each number grain for its holder, then asks the holders'
/// user grains for their profiles. It stops at the sequence's highest number, once the page is full, or after
/// <see cref="ScanBudget"/> numbers, so a stretch of unused numbers (deleted users, an import's sparse IDs) costs
/// pages that may come back short or empty but never an unbounded request. A name or email filter goes to that
/// index's grain instead and scans nothing.
/// </summary>
public sealed class UserListing(IGrainFactory grains, UserAccounts accounts)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>Number grains asked at once.</summary>
    private const int MaxBatch = 128;

    /// <summary>The most numbers one page looks at.</summary>
    public static long ScanBudget(int limit) => Math.Max(1000, 4L * limit);

    public Task<UserPage> ListAsync(UserListQuery query) =>
        query.Username is not null || query.Email is not null ? FindAsync(query) : ScanAsync(query);

    private async Task<UserPage> ScanAsync(UserListQuery query)
    {
        var highest = await grains.Grain<IUserNumberSequenceGrain>(IUserNumberSequenceGrain.Id).GetHighestAsync();
        var users = new List<UserView>(query.Limit);
        var cursor = query.After;
        var budgetEnd = query.After + ScanBudget(query.Limit);
        while (users.Count < query.Limit && cursor < Math.Min(highest, budgetEnd))
        {
            var wanted = query.Limit - users.Count;
            var first = cursor + 1;
            var count = (int)Math.Min(Math.Clamp(wanted, 16, MaxBatch), Math.Min(highest, budgetEnd) - cursor);
            var holders = await Task.WhenAll(Enumerable.Range(0, count).Select(i => grains.Grain<IUserNumberGrain>(first + i).GetHolderAsync()));
            var held = holders.Select((id, i) => (Number: first + i, Id: id)).Where(h => h.Id is not null).ToList();

            // Only as many profiles as the page still needs; the next round starts after the last one read.
            var read = held.Take(wanted).ToList();
            cursor = read.Count < held.Count ? read[^1].Number : first + count - 1;
            var profiles = await Task.WhenAll(read.Select(h => grains.Grain<IUserGrain>(h.Id!).GetProfileAsync()));
            for (var i = 0; i < read.Count; i++)
            {
                // A deleted user keeps its number; a create that failed halfway leaves a holder with no user.
                if (profiles[i] is { } user && user.Number == read[i].Number && Matches(user, query))
                {
                    users.Add(user);
                }
            }
        }

        if (users.Count == query.Limit)
        {
            // A full page ends at its last user, so the cursor reads the same whatever the batch sizes were.
            cursor = users[^1].Number!.Value;
        }

        return new UserPage(users, cursor < highest ? cursor : null);
    }

    private async Task<UserPage> FindAsync(UserListQuery query)
    {
        var found = query.Username is { } name ? await ByNameAsync(name) : await accounts.FindByEmailAsync(query.Email!);
        var matching = found
            .Where(u => Matches(u, query) && (NumberOf(u) > query.After || (u.Number is null && query.After == 0)))
            .OrderBy(NumberOf).ThenBy(u => u.Id, StringComparer.Ordinal)
            .ToList();
        var page = matching.Take(query.Limit).ToList();
        return new UserPage(page, matching.Count > page.Count ? NumberOf(page[^1]) : null);
    }

    private async Task<IReadOnlyList<UserView>> ByNameAsync(string username) =>
        await accounts.FindIdAsync(username) is { } id && await grains.Grain<IUserGrain>(id).GetProfileAsync() is { } user ? [user] : [];

    private static bool Matches(UserView user, UserListQuery query) =>
        (query.Disabled is not { } disabled || user.Disabled == disabled)
        && (query.Email is not { } email || (user.Profile.Email is { } held && UserEmails.Normalize(held) == UserEmails.Normalize(email)));

    /// <summary>A user stored before numbers existed and not yet given one sorts first.</summary>
    private static long NumberOf(UserView user) => user.Number ?? 0;
}
