using SessionService.Api.Http;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Grains.Users.LegacyHashes;

namespace SessionService.Api.Users.Import;

/// <summary>One row's result: <c>status</c> is "created" or "skipped" (the user was there already, from an earlier run).</summary>
public sealed record ImportedUser(int Index, string Id, long Number, string Username, string Status);

/// <summary>Why an import stopped: the status, the contract's code, and the row at fault when there is one.</summary>
public sealed record ImportRefusal(int Status, string Code, string Detail, int? Index);

/// <summary>
/// Moves WordPress users over, keeping each one's <c>ID</c> as its number and its password hash as it is (checked
/// on the first login and then replaced by ours). Every row is checked before anything is written, and so are
/// the numbers and names other users already hold; the number sequence moves past the largest ID; then the users
/// are created through their name and number grains, so concurrent runs of one file create each user once and a
/// run that failed halfway is finished by the next.
/// </summary>
public sealed class WordPressUserImport(IGrainFactory grains, UserAccounts accounts)
{
    /// <summary>Rows in flight at once: enough to keep storage's group commit busy, few enough to leave room for logins.</summary>
    private const int Parallelism = 8;

    public async Task<(IReadOnlyList<ImportedUser>? Users, ImportRefusal? Refusal)> RunAsync(IReadOnlyList<WordPressUserRow> rows, CancellationToken cancellationToken)
    {
        var users = new NewUser[rows.Count];
        var numbers = new HashSet<long>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < rows.Count; index++)
        {
            if (Prepare(rows[index], index) is { } refusal)
            {
                return (null, refusal);
            }

            users[index] = ToNewUser(rows[index]);
            if (!numbers.Add(rows[index].Id) || !names.Add(Usernames.Normalize(rows[index].Login)))
            {
                return (null, new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "This row repeats the ID or user_login of an earlier row.", index));
            }
        }

        var conflicts = new ImportRefusal?[users.Length];
        await ForEachRowAsync(users.Length, async index => conflicts[index] = await ConflictAsync(users[index], index), cancellationToken);
        if (conflicts.FirstOrDefault(c => c is not null) is { } conflict)
        {
            return (null, conflict);
        }

        if (users.Length > 0)
        {
            // As WordPress's auto-increment would: users created here later get numbers after the imported IDs.
            await grains.Grain<IUserNumberSequenceGrain>(IUserNumberSequenceGrain.Id).SkipPastAsync(numbers.Max());
        }

        var results = new (ImportOutcome Outcome, UserView? User)[users.Length];
        // Not stopped when the client goes away (a proxy's timeout on a large file): the import finishes, and a re-run shows it.
        await ForEachRowAsync(users.Length, async index => results[index] = await accounts.ImportAsync(users[index]), CancellationToken.None);
        for (var index = 0; index < results.Length; index++)
        {
            if (results[index].User is null)
            {
                // Another writer took the name or number after the check above. What was created stays, and a
                // repeated run skips it.
                return (null, Conflict(results[index].Outcome == ImportOutcome.NumberTaken, users[index], index,
                    " Other rows of this file may have been imported; fix this one and send the file again."));
            }
        }

        return ([.. results.Select((r, index) => new ImportedUser(
            index, r.User!.Id, r.User.Number!.Value, r.User.Username, r.Outcome == ImportOutcome.Created ? "created" : "skipped"))], null);
    }

    private static ImportRefusal? Prepare(WordPressUserRow row, int index)
    {
        if (!Usernames.IsValid(row.Login))
        {
            return new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidUsername, $"user_login '{row.Login}' is not a valid user name here. {UserAccounts.UsernameRule}", index);
        }

        if (!LegacyPasswordHashes.IsVerifiable(row.PasswordHash))
        {
            return new(StatusCodes.Status400BadRequest, ErrorCodes.UnsupportedHash,
                $"user_pass is not a password hash this service can check: phpass ($P$, $H$, at most 2^{Phpass.MaxLog2} rounds), bcrypt ($2y$, $wp$2y$, cost at most {WordPressBcrypt.MaxCost}) or WordPress's old MD5.", index);
        }

        foreach (var (field, value) in new[] { ("email", row.Email), ("display_name", row.DisplayName), ("first_name", row.FirstName), ("last_name", row.LastName) })
        {
            if (value is not null && UserProfileFields.Problem(field, value) is { } problem)
            {
                return new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, problem, index);
            }
        }

        return null;
    }

    private static NewUser ToNewUser(WordPressUserRow row) => new(row.Login.Trim(), row.PasswordHash, [])
    {
        Number = row.Id,
        Profile = new UserProfile(row.Email, row.DisplayName, row.FirstName, row.LastName),
    };

    /// <summary>Read only: a number or name already held by a user who is not this row's (a user with both is skipped later).</summary>
    private async Task<ImportRefusal?> ConflictAsync(NewUser user, int index)
    {
        if (await grains.Grain<IUserNumberGrain>(user.Number!.Value).GetHolderAsync() is { } numberHolder
            && await grains.Grain<IUserGrain>(numberHolder).GetProfileAsync() is { } byNumber
            && Usernames.Normalize(byNumber.Username) != Usernames.Normalize(user.Username))
        {
            return Conflict(numberTaken: true, user, index, "");
        }

        if (await grains.Grain<IUsernameGrain>(Usernames.Normalize(user.Username)).GetUserIdAsync() is { } nameHolder
            && await grains.Grain<IUserGrain>(nameHolder).GetProfileAsync() is { } byName
            && byName.Number != user.Number)
        {
            return Conflict(numberTaken: false, user, index, "");
        }

        return null;
    }

    private static ImportRefusal Conflict(bool numberTaken, NewUser user, int index, string more) => numberTaken
        ? new(StatusCodes.Status409Conflict, ErrorCodes.NumberTaken, UserAccounts.NumberTakenDetail(user.Number!.Value) + more, index)
        : new(StatusCodes.Status409Conflict, ErrorCodes.UsernameTaken, $"The user name '{user.Username}' is taken by a user with another number." + more, index);

    private static Task ForEachRowAsync(int count, Func<int, Task> action, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (index, _) => await action(index));
}
