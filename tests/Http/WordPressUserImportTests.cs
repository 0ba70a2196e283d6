using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SessionService.Grains.Contracts;
using SessionService.Grains.Users;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>
/// <c>POST /admin/import/wordpress</c>: WordPress users move over with their IDs as numbers and their password
/// hashes (made here by PHP, as WordPress makes them), log in with their old passwords, and get our hash.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class WordPressUserImportTests(ApiFixture fixture)
{
    private const string OldPassword = "old-wordpress-Passw0rd";

    private HttpClient Client => fixture.Client;

    private IGrainFactory Grains => fixture.Factory.Services.GetRequiredService<IGrainFactory>();

    private async Task<string> StoredHashAsync(string userId) =>
        (await GrainUsers.StoredAsync(fixture.Factory.Services, Grains.GetGrain<IUserGrain>(userId))).PasswordHash;

    private static string Hash(string format, string password) => format switch
    {
        "phpass" => Php.Phpass(password),
        "wp-bcrypt" => Php.WordPressBcrypt(password),
        "bcrypt" => Php.Bcrypt(password),
        "md5" => Php.Md5(password),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    [Theory]
    [InlineData("phpass")]
    [InlineData("wp-bcrypt")]
    [InlineData("bcrypt")]
    [InlineData("md5")]
    public async Task EachHashFormat_LogsInWithTheOldPassword_ThenHoldsOurHash(string format)
    {
        var admin = await Client.AdminTokenAsync();
        var (login, number, legacy) = (WordPressExports.FreshLogin(), WordPressExports.FreshNumber(), Hash(format, OldPassword));

        var imported = await Client.ImportOkAsync(new[] { WordPressExports.Row(number, login, legacy) }, admin);
        var userId = imported.GetProperty("users")[0].Str("id");

        await (await Client.LoginAsync(login, OldPassword + "x")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(legacy, await StoredHashAsync(userId));
        var first = await Client.LoginOkAsync(login, OldPassword);
        var ours = await StoredHashAsync(userId);
        Assert.NotEqual(legacy, ours);
        Assert.Equal(PasswordVerificationResult.Success, GrainUsers.Hasher.VerifyHashedPassword(new PasswordOwner(), ours, OldPassword));
        var second = await Client.LoginOkAsync(login, OldPassword);
        Assert.Equal(ours, await StoredHashAsync(userId));
        await (await Client.LoginAsync(login, OldPassword.ToUpperInvariant())).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        foreach (var token in new[] { first.Str("access_token"), second.Str("access_token") })
        {
            Assert.Equal(number, UserPatches.Payload(token).GetProperty("number").GetInt64());
        }
    }

    [Fact]
    public async Task Import_KeepsTheIdAsNumber_AndTheProfile_FromEveryExportShape()
    {
        var admin = await Client.AdminTokenAsync();
        var hash = Php.Phpass(OldPassword);
        var (plain, wrapped, phpMyAdmin) = (WordPressExports.FreshLogin(), WordPressExports.FreshLogin(), WordPressExports.FreshLogin());
        var (n1, n2, n3) = (WordPressExports.FreshNumber(), WordPressExports.FreshNumber(), WordPressExports.FreshNumber());
        var withNames = WordPressExports.Row(n1, plain, hash, "ann@example.com");
        withNames["display_name"] = "Ann Example";
        withNames["first_name"] = "Ann";
        withNames["last_name"] = "Example";
        var emptyFields = WordPressExports.Row(n2.ToString(System.Globalization.CultureInfo.InvariantCulture), wrapped, hash);
        emptyFields["display_name"] = "";
        emptyFields["first_name"] = null;

        var first = await Client.ImportOkAsync(new[] { withNames }, admin);
        var second = await Client.ImportOkAsync(new { users = new[] { emptyFields } }, admin);
        var third = await Client.ImportOkAsync(new object[]
        {
            new { type = "header", version = "5.2.1", comment = "Export to JSON plugin for PHPMyAdmin" },
            new { type = "database", name = "wordpress" },
            new { type = "table", name = "wp_usermeta", database = "wordpress", data = new[] { new { umeta_id = "1", user_id = "1", meta_key = "nickname", meta_value = "x" } } },
            new { type = "table", name = "wp_users", database = "wordpress", data = new[] { WordPressExports.Row(n3, phpMyAdmin, hash) } },
        }, admin);

        foreach (var (answer, number, login) in new[] { (first, n1, plain), (second, n2, wrapped), (third, n3, phpMyAdmin) })
        {
            Assert.Equal((1, 0), (answer.GetProperty("created").GetInt32(), answer.GetProperty("skipped").GetInt32()));
            var user = answer.GetProperty("users")[0];
            Assert.Equal((0, number, login, "created"), (user.GetProperty("index").GetInt32(), user.GetProperty("number").GetInt64(), user.Str("username"), user.Str("status")));
            var fetched = await (await Client.GetAsync($"/users/{user.Str("id")}", admin)).JsonAsync();
            Assert.Equal(number, fetched.GetProperty("number").GetInt64());
        }

        var ann = await (await Client.GetAsync($"/users/{first.GetProperty("users")[0].Str("id")}", admin)).JsonAsync();
        Assert.Equal(("ann@example.com", "Ann Example", "Ann", "Example"), (ann.Str("email"), ann.Str("display_name"), ann.Str("first_name"), ann.Str("last_name")));
        var sparse = await (await Client.GetAsync($"/users/{second.GetProperty("users")[0].Str("id")}", admin)).JsonAsync();
        Assert.False(sparse.TryGetProperty("display_name", out var shown) && shown.ValueKind != JsonValueKind.Null);
        Assert.False(sparse.TryGetProperty("first_name", out var firstName) && firstName.ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task ImportingTheSameFileAgain_SkipsTheUsersAlreadyThere()
    {
        var admin = await Client.AdminTokenAsync();
        var hash = Php.Phpass(OldPassword);
        var rows = Enumerable.Range(0, 3).Select(_ => WordPressExports.Row(WordPressExports.FreshNumber(), WordPressExports.FreshLogin(), hash)).ToList();

        var first = await Client.ImportOkAsync(rows.Take(2), admin);
        var again = await Client.ImportOkAsync(rows, admin);

        Assert.Equal((2, 0), (first.GetProperty("created").GetInt32(), first.GetProperty("skipped").GetInt32()));
        Assert.Equal((1, 2), (again.GetProperty("created").GetInt32(), again.GetProperty("skipped").GetInt32()));
        var statuses = again.GetProperty("users").EnumerateArray().Select(u => u.Str("status")).ToArray();
        Assert.Equal(["skipped", "skipped", "created"], statuses);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(first.GetProperty("users")[i].Str("id"), again.GetProperty("users")[i].Str("id"));
        }
    }

    [Fact]
    public async Task UsersCreatedAfterAnImport_GetNumbersAfterTheLargestImportedId()
    {
        var admin = await Client.AdminTokenAsync();
        var (lower, largest) = (WordPressExports.FreshNumber(), WordPressExports.FreshNumber() + 2_000_000_000_000);
        await Client.ImportOkAsync(new[]
        {
            WordPressExports.Row(largest, WordPressExports.FreshLogin(), Php.Md5(OldPassword)),
            WordPressExports.Row(lower, WordPressExports.FreshLogin(), Php.Md5(OldPassword)),
        }, admin);

        var (_, id) = await Client.NewUserAsync();

        var number = (await (await Client.GetAsync($"/users/{id}", admin)).JsonAsync()).GetProperty("number").GetInt64();
        Assert.InRange(number, largest + 1, largest + 1 + 100);
    }

    [Fact]
    public async Task ConcurrentImportsOfOneFile_CreateEachUserOnce()
    {
        var admin = await Client.AdminTokenAsync();
        var hash = Php.Bcrypt(OldPassword);
        var rows = Enumerable.Range(0, 24).Select(_ => WordPressExports.Row(WordPressExports.FreshNumber(), WordPressExports.FreshLogin(), hash)).ToList();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Client.ImportOkAsync(rows, admin))));

        Assert.Equal(rows.Count, answers.Sum(a => a.GetProperty("created").GetInt32()));
        Assert.All(answers, a => Assert.Equal(rows.Count, a.GetProperty("created").GetInt32() + a.GetProperty("skipped").GetInt32()));
        for (var index = 0; index < rows.Count; index++)
        {
            var forRow = answers.Select(a => a.GetProperty("users")[index]).ToList();
            Assert.Single(forRow, u => u.Str("status") == "created");
            Assert.Single(forRow.Select(u => u.Str("id")).Distinct());
        }

        await Client.LoginOkAsync((string)rows[^1]["user_login"]!, OldPassword);
    }

    [Fact]
    public async Task NumberHeldByAnotherUser_Is409NumberTaken_AtItsRow_AndCreatesNothing()
    {
        var admin = await Client.AdminTokenAsync();
        var taken = WordPressExports.FreshNumber();
        var created = await Client.PostAsync("/users", new { username = WordPressExports.FreshLogin(), password = ApiCalls.Password, number = taken }, admin);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var hash = Php.Phpass(OldPassword);
        var innocent = WordPressExports.FreshLogin();

        var response = await Client.ImportAsync(new[] { WordPressExports.Row(WordPressExports.FreshNumber(), innocent, hash), WordPressExports.Row(taken, WordPressExports.FreshLogin(), hash) }, admin);

        await response.AssertRefusedAtAsync(HttpStatusCode.Conflict, "number_taken", 1);
        await (await Client.LoginAsync(innocent, OldPassword)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task WordPressId1_IsTheBootstrapAdminsNumber_SkippedUnderItsLogin_TakenUnderAnother()
    {
        var admin = await Client.AdminTokenAsync();
        var hash = Php.Md5(OldPassword);

        var sameLogin = await Client.ImportOkAsync(new[] { WordPressExports.Row(1, ApiFactory.AdminUser, hash) }, admin);
        var otherLogin = await Client.ImportAsync(new[] { WordPressExports.Row(1, "admin", hash) }, admin);

        Assert.Equal((0, 1), (sameLogin.GetProperty("created").GetInt32(), sameLogin.GetProperty("skipped").GetInt32()));
        await otherLogin.AssertRefusedAtAsync(HttpStatusCode.Conflict, "number_taken", 0);
        await Client.LoginOkAsync(ApiFactory.AdminUser, ApiFactory.AdminPassword);
    }

    [Fact]
    public async Task LoginHeldByAUserWithAnotherNumber_Is409UsernameTaken_AtItsRow()
    {
        var admin = await Client.AdminTokenAsync();
        var (existing, _) = await Client.NewUserAsync();

        var response = await Client.ImportAsync(new[] { WordPressExports.Row(WordPressExports.FreshNumber(), existing.ToUpperInvariant(), Php.Md5(OldPassword)) }, admin);

        await response.AssertRefusedAtAsync(HttpStatusCode.Conflict, "username_taken", 0);
        await Client.LoginOkAsync(existing);
    }

    public static readonly TheoryData<string, string, string> BadRows = new()
    {
        { "login with a space", "invalid_username", """{"ID": 7, "user_login": "john doe", "user_pass": "$P$BIQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0"}""" },
        { "login too short", "invalid_username", """{"ID": 7, "user_login": "jo", "user_pass": "$P$BIQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0"}""" },
        { "md5-crypt hash", "unsupported_hash", """{"ID": 7, "user_login": "LOGIN", "user_pass": "$1$saltsalt$qjXMvbEw8oaL.CzflDugX/"}""" },
        { "plain text password", "unsupported_hash", """{"ID": 7, "user_login": "LOGIN", "user_pass": "hunter2-plain"}""" },
        { "short phpass", "unsupported_hash", """{"ID": 7, "user_login": "LOGIN", "user_pass": "$P$BIQRaTwmfeRo7ud9Fh4E2PdI0S3r.L"}""" },
        { "uppercase md5", "unsupported_hash", """{"ID": 7, "user_login": "LOGIN", "user_pass": "5F4DCC3B5AA765D61D8327DEB882CF99"}""" },
        { "bcrypt cost 17", "unsupported_hash", """{"ID": 7, "user_login": "LOGIN", "user_pass": "$2y$17$abcdefghijklmnopqrstuuFCN4Tbz0Y0IVbc8kR4GSuxKmEwMtJMG"}""" },
        { "WordPress bcrypt cost 17", "unsupported_hash", """{"ID": 7, "user_login": "LOGIN", "user_pass": "$wp$2y$17$abcdefghijklmnopqrstuuFCN4Tbz0Y0IVbc8kR4GSuxKmEwMtJMG"}""" },
        { "no hash", "invalid_request", """{"ID": 7, "user_login": "LOGIN", "user_pass": ""}""" },
        { "no ID", "invalid_request", """{"user_login": "LOGIN", "user_pass": "$P$BIQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0"}""" },
        { "ID 0", "invalid_request", """{"ID": 0, "user_login": "LOGIN", "user_pass": "$P$BIQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0"}""" },
        { "ID not numeric", "invalid_request", """{"ID": "7a", "user_login": "LOGIN", "user_pass": "$P$BIQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0"}""" },
        { "ID fraction", "invalid_request", """{"ID": 7.5, "user_login": "LOGIN", "user_pass": "$P$BIQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0"}""" },
        { "login not a string", "invalid_request", """{"ID": 7, "user_login": 12345, "user_pass": "$P$BIQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0"}""" },
        { "bad email", "invalid_request", """{"ID": 7, "user_login": "LOGIN", "user_pass": "$P$BIQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0", "user_email": "not an address"}""" },
        { "row not an object", "invalid_request", """ "LOGIN" """ },
        { "repeated ID", "invalid_request", """{"ID": FIRST, "user_login": "LOGIN", "user_pass": "$P$BIQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0"}""" },
        { "repeated login in other case", "invalid_request", """{"ID": 7, "user_login": "FIRSTLOGIN", "user_pass": "$P$BIQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0"}""" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public async Task BadRow_Is400AtItsIndex_AndNothingIsCreated(string why, string code, string badRow)
    {
        var admin = await Client.AdminTokenAsync();
        var (good, goodNumber) = (WordPressExports.FreshLogin(), WordPressExports.FreshNumber());
        var bad = badRow.Replace("FIRSTLOGIN", good.ToUpperInvariant(), StringComparison.Ordinal)
            .Replace("LOGIN", WordPressExports.FreshLogin(), StringComparison.Ordinal)
            .Replace("FIRST", goodNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("\"ID\": 7", $"\"ID\": {WordPressExports.FreshNumber()}", StringComparison.Ordinal);
        var file = $"[{JsonSerializer.Serialize(WordPressExports.Row(goodNumber, good, Php.Md5(OldPassword)))}, {bad}]";

        var response = await Client.ImportRawAsync(file, admin);

        await response.AssertRefusedAtAsync(HttpStatusCode.BadRequest, code, 1);
        Assert.NotNull(why);
        await (await Client.LoginAsync(good, OldPassword)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task PhpassRounds_2To16Imports_AndLogsIn_2To17IsRefused()
    {
        var admin = await Client.AdminTokenAsync();
        var (accepted, refused) = (WordPressExports.FreshLogin(), WordPressExports.FreshLogin());
        var at16 = Php.Phpass(OldPassword, 16);
        var at17 = Php.Phpass(OldPassword, 17);

        await Client.ImportOkAsync(new[] { WordPressExports.Row(WordPressExports.FreshNumber(), accepted, at16) }, admin);
        var response = await Client.ImportAsync(new[] { WordPressExports.Row(WordPressExports.FreshNumber(), refused, at17) }, admin);

        await Client.LoginOkAsync(accepted, OldPassword);
        await response.AssertRefusedAtAsync(HttpStatusCode.BadRequest, "unsupported_hash", 0);
    }

    [Theory]
    [InlineData("not json", "application/json", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("""{"rows": []}""", "application/json", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("""[{"ID": 1, "ID": 2}]""", "application/json", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("[]", "text/plain", HttpStatusCode.UnsupportedMediaType, "unsupported_media_type")]
    public async Task UnreadableFile_IsRefusedWithItsCode(string body, string mediaType, HttpStatusCode status, string code)
    {
        var response = await Client.ImportRawAsync(body, await Client.AdminTokenAsync(), mediaType);

        await response.AssertProblemAsync(status, code);
    }

    [Fact]
    public async Task EmptyFile_CreatesNothing()
    {
        var answer = await Client.ImportOkAsync(Array.Empty<object>(), await Client.AdminTokenAsync());

        Assert.Equal((0, 0, 0), (answer.GetProperty("created").GetInt32(), answer.GetProperty("skipped").GetInt32(), answer.GetProperty("users").GetArrayLength()));
    }

    [Fact]
    public async Task RowCount_10000IsRead_10001IsRefused()
    {
        var admin = await Client.AdminTokenAsync();
        // Row 10000 of the allowed file is malformed, so the limit is shown passed without creating 10,000 users.
        var rows = Enumerable.Range(1, 9_999).Select(i => $$"""{"ID":{{i}},"user_login":"limit-{{i}}","user_pass":"$P$BIQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0"}""").ToList();
        var atLimit = "[" + string.Join(',', rows.Append("\"row 9999\"")) + "]";
        var overLimit = "[" + string.Join(',', rows.Append("{}").Append("{}")) + "]";

        var read = await Client.ImportRawAsync(atLimit, admin);
        var refused = await Client.ImportRawAsync(overLimit, admin);

        await read.AssertRefusedAtAsync(HttpStatusCode.BadRequest, "invalid_request", 9_999);
        await refused.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains("10000 rows", (await refused.JsonAsync()).Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyOver8MiB_Is413()
    {
        var response = await Client.ImportRawAsync("[" + new string(' ', 8 * 1024 * 1024) + "]", await Client.AdminTokenAsync());

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task NonAdmin_IsForbidden_AndAnonymousUnauthorized()
    {
        var (name, _) = await Client.NewUserAsync();
        var user = (await Client.LoginOkAsync(name)).Str("access_token");

        await (await Client.ImportRawAsync("[]", user)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.ImportRawAsync("[]", null)).StatusCode);
    }
}
