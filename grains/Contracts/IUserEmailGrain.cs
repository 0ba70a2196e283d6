using System.Collections.Immutable;

namespace SessionService.Grains.Contracts;

/// <summary>
/// Keyed by a normalized email address (<see cref="Users.UserEmails.Normalize"/>): the users whose profile
/// says so, for logins by email (the WordPress surface). Emails are not unique, so it is a set; it may
/// hold a user whose email has since changed, so readers confirm with the user.
/// </summary>
[Alias("IUserEmailGrain")]
public interface IUserEmailGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task AddAsync(string userId);

    [Alias("Remove")]
    Task RemoveAsync(string userId);

    [Alias("GetUserIds")]
    Task<ImmutableArray<string>> GetUserIdsAsync();
}
