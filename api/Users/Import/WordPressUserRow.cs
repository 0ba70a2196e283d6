namespace SessionService.Api.Users.Import;

/// <summary>
/// One <c>wp_users</c> row as exported, with the names from usermeta when the export joined them. Empty strings
/// are already null: WordPress stores "" for a field never set.
/// </summary>
public sealed record WordPressUserRow(
    long Id,
    string Login,
    string PasswordHash,
    string? Email,
    string? DisplayName,
    string? FirstName,
    string? LastName);
