using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SessionService.Api.Http;
using SessionService.Api.Users;
using SessionService.Grains;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Apis;

/// <summary>User administration; every endpoint needs the admin role.</summary>
public static class UsersApi
{
    /// <summary>The largest number a client may set: the largest integer a JavaScript number holds exactly.</summary>
    public const long MaxUserNumber = 9_007_199_254_740_991;

    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/users").WithTags("Users").RequireAuthorization(AccessTokenPolicies.Admin);
        group.MapGet("", ListAsync);
        group.MapPost("", CreateAsync).Accepts<CreateUserRequest>("application/json", "application/x-www-form-urlencoded", "multipart/form-data");
        group.MapGet("/{id}", GetAsync);
        group.MapPatch("/{id}", PatchAsync).Accepts<PatchUserRequest>("application/merge-patch+json", "application/json");
        group.MapDelete("/{id}", DeleteAsync);
        group.MapPost("/{id}/disable", (IGrainFactory grains, string id) => SetDisabledAsync(grains, id, true));
        group.MapPost("/{id}/enable", (IGrainFactory grains, string id) => SetDisabledAsync(grains, id, false));
        group.MapGet("/{id}/login-attempts", LoginAttemptsAsync);
        group.MapGet("/{id}/sessions", SessionsAsync);
        group.MapDelete("/{id}/sessions", RevokeSessionsAsync);
        return group;
    }

    public static async Task<Results<Created<UserSummary>, ProblemHttpResult>> CreateAsync(
        HttpContext http, UserAccounts accounts, IOptions<AuthOptions> options, CancellationToken cancellationToken)
    {
        var fields = await RequestFields.ReadAsync(http.Request, cancellationToken);
        var username = fields.RequiredString("username");
        var password = fields.RequiredString("password");
        var roles = fields.OptionalStringArray("roles", UserAccounts.MaxRoles, UserAccounts.MaxRoleLength) ?? [];
        if (roles.FirstOrDefault(r => !UserAccounts.IsValidRole(r)) is { } badRole)
        {
            return Problems.BadRequest(ErrorCodes.InvalidRequest, $"Role '{badRole}' is not valid: use letters, digits and _ - : .");
        }

        var details = new NewUserDetails(
            fields.OptionalInteger("number", 1, MaxUserNumber), UserProfileFields.ReadProfile(fields), UserProfileFields.Claims(fields, options.Value.DefaultClaims)?.Value);
        var (outcome, user, detail) = await accounts.CreateAsync(username, password, roles, details);
        return outcome switch
        {
            CreateUserOutcome.Created => TypedResults.Created($"/users/{user!.Id}", UserSummary.From(user)),
            CreateUserOutcome.UsernameTaken => Problems.Create(StatusCodes.Status409Conflict, ErrorCodes.UsernameTaken, detail!),
            CreateUserOutcome.NumberTaken => Problems.Create(StatusCodes.Status409Conflict, ErrorCodes.NumberTaken, detail!),
            CreateUserOutcome.WeakPassword => Problems.BadRequest(ErrorCodes.WeakPassword, detail!),
            _ => Problems.BadRequest(ErrorCodes.InvalidUsername, detail!),
        };
    }

    /// <summary>A page of users in user-number order; <c>next</c> is the <c>after</c> of the following page, null at the end.</summary>
    public static async Task<Results<Ok<UserListResponse>, ProblemHttpResult>> ListAsync(
        UserListing listing, string? limit, string? after, string? username, string? email, string? disabled)
    {
        if (!QueryNumbers.TryRead(limit, 1, UserListing.MaxLimit, UserListing.DefaultLimit, out int count))
        {
            return Problems.BadRequest(ErrorCodes.InvalidRequest, $"limit must be a whole number from 1 to {UserListing.MaxLimit}.");
        }

        if (!QueryNumbers.TryRead(after, 0, MaxUserNumber, 0, out long from))
        {
            return Problems.BadRequest(ErrorCodes.InvalidRequest, "after must be the next of an earlier page (a user number).");
        }

        if (username is "" || email is "")
        {
            return Problems.BadRequest(ErrorCodes.InvalidRequest, "username and email, when given, must not be empty.");
        }

        bool? onlyDisabled = disabled switch { "true" => true, "false" => false, _ => null };
        if (disabled is not null && onlyDisabled is null)
        {
            return Problems.BadRequest(ErrorCodes.InvalidRequest, "disabled must be true or false.");
        }

        var page = await listing.ListAsync(new UserListQuery(count, from, username, email, onlyDisabled));
        return TypedResults.Ok(new UserListResponse([.. page.Users.Select(UserDetails.From)], page.Next?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    public static async Task<Results<Ok<UserDetails>, ProblemHttpResult>> GetAsync(IGrainFactory grains, string id) =>
        UserOrNull(grains, id) is { } grain && await grain.GetProfileAsync() is { } user
            ? TypedResults.Ok(UserDetails.From(user))
            : UserNotFound();

    /// <summary>JSON merge patch of the profile fields and custom claims: absent is unchanged, null clears; claims are replaced whole.</summary>
    public static async Task<Results<Ok<UserDetails>, ProblemHttpResult>> PatchAsync(
        HttpContext http, IGrainFactory grains, IOptions<AuthOptions> options, string id, CancellationToken cancellationToken)
    {
        var patch = UserProfileFields.ReadPatch(await RequestFields.ReadAsync(http.Request, cancellationToken), options.Value.DefaultClaims);
        return UserOrNull(grains, id) is { } grain && await grain.PatchAsync(patch) is { } user
            ? TypedResults.Ok(UserDetails.From(user))
            : UserNotFound();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(IGrainFactory grains, string id) =>
        UserOrNull(grains, id) is { } grain && await grain.DeleteAsync() is not null
            ? TypedResults.NoContent()
            : UserNotFound();

    public static async Task<Results<NoContent, ProblemHttpResult>> SetDisabledAsync(IGrainFactory grains, string id, bool disabled) =>
        UserOrNull(grains, id) is { } grain && await grain.SetDisabledAsync(disabled) is not null
            ? TypedResults.NoContent()
            : UserNotFound();

    public static async Task<Results<Ok<LoginAttemptResponse[]>, ProblemHttpResult>> LoginAttemptsAsync(IGrainFactory grains, string id) =>
        UserOrNull(grains, id) is { } grain && await grain.GetLoginAttemptsAsync() is { } attempts
            ? TypedResults.Ok(attempts.Select(a => LoginAttemptResponse.From(a, id)).ToArray())
            : UserNotFound();

    public static async Task<Results<Ok<SessionResponse[]>, ProblemHttpResult>> SessionsAsync(HttpContext http, IGrainFactory grains, string id) =>
        UserOrNull(grains, id) is { } grain && await grain.ListSessionsAsync() is { } sessions
            ? TypedResults.Ok(sessions.Select(s => SessionResponse.From(s, http.Identity().SessionId)).ToArray())
            : UserNotFound();

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeSessionsAsync(IGrainFactory grains, string id) =>
        UserOrNull(grains, id) is { } grain && await grain.RevokeAllSessionsAsync(keepSessionId: null) is not null
            ? TypedResults.NoContent()
            : UserNotFound();

    /// <summary>
    /// The user grain for <paramref name="id"/>, or null when the id cannot name a user. Together with the
    /// grain's own null answer for "no such user", every null here becomes <see cref="UserNotFound"/>.
    /// </summary>
    private static IUserGrain? UserOrNull(IGrainFactory grains, string id) =>
        Ids.IsHexId(id) ? grains.Grain<IUserGrain>(id) : null;

    private static ProblemHttpResult UserNotFound() =>
        Problems.Create(StatusCodes.Status404NotFound, ErrorCodes.UserNotFound, "No user with that id.");
}
