using System.Net;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>The configured first administrator is created at the first start of a store, and never again.</summary>
public sealed class AdminBootstrapTests : IDisposable
{
    private readonly TempDirectory _storage = new();

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task DeletedBootstrapAdmin_IsNotRecreated_AtTheNextStart()
    {
        await using (var first = new ApiFactory(_storage.Path))
        {
            var client = first.CreateClient();
            var admin = await client.AdminTokenAsync();
            var (name, _) = await client.NewUserAsync(["admin"]);
            var other = (await client.LoginOkAsync(name)).Str("access_token");
            var adminId = System.Text.Json.JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(RawJwt.PayloadOf(admin)))
                .RootElement.GetProperty("sub").GetString();
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/users/{adminId}", other)).StatusCode);
        }

        await using var second = new ApiFactory(_storage.Path);
        var restarted = second.CreateClient();

        await (await restarted.LoginAsync(ApiFactory.AdminUser, ApiFactory.AdminPassword))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task BootstrapAdmin_IsCreatedOnce_AndKeepsItsChangedPassword()
    {
        await using (var first = new ApiFactory(_storage.Path))
        {
            var client = first.CreateClient();
            var admin = await client.AdminTokenAsync();
            var change = await client.PostAsync("/auth/password", new { current_password = ApiFactory.AdminPassword, new_password = "Another-Adm1n-Secret" }, admin);
            Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        }

        await using var second = new ApiFactory(_storage.Path);
        var restarted = second.CreateClient();

        await (await restarted.LoginAsync(ApiFactory.AdminUser, ApiFactory.AdminPassword))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(HttpStatusCode.OK, (await restarted.LoginAsync(ApiFactory.AdminUser, "Another-Adm1n-Secret")).StatusCode);
    }
}
