using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SessionService.Api.Http;
using SessionService.Api.OAuth;

namespace SessionService.Tests.Unit;

public sealed class OAuthErrorWriterTests
{
    [Theory]
    [InlineData(400, "invalid_grant", "invalid_grant", null)]
    [InlineData(400, "obsolete_refresh_token", "invalid_grant", "obsolete_refresh_token")]
    [InlineData(400, "account_locked", "invalid_grant", "account_locked")]
    [InlineData(400, "invalid_request", "invalid_request", null)]
    [InlineData(413, "payload_too_large", "invalid_request", "payload_too_large")]
    [InlineData(401, "expired_token", "invalid_token", "expired_token")]
    [InlineData(401, "invalid_client", "invalid_client", null)]
    [InlineData(403, "insufficient_scope", "insufficient_scope", null)]
    [InlineData(429, "rate_limited", "temporarily_unavailable", "rate_limited")]
    [InlineData(503, "service_unavailable", "temporarily_unavailable", "service_unavailable")]
    [InlineData(500, "internal_error", "server_error", "internal_error")]
    public async Task Errors_BecomeRfc6749Codes_KeepingOursWhenItSaysMore(int status, string code, string error, string? ours)
    {
        var json = await WriteAsync(new ApiError(status, code, "Something."));

        Assert.Equal(error, json.GetProperty("error").GetString());
        Assert.Equal(ours, json.TryGetProperty("code", out var kept) ? kept.GetString() : null);
    }

    [Fact]
    public async Task Descriptions_KeepToTheCharactersRfc6749Allows()
    {
        var json = await WriteAsync(new ApiError(400, "invalid_request", "Field \"x\" \\ caf\u00e9\u0001."));

        Assert.Equal("Field 'x' / caf??.", json.GetProperty("error_description").GetString());
    }

    private static async Task<JsonElement> WriteAsync(ApiError error)
    {
        var http = new DefaultHttpContext();
        http.Response.Body = new MemoryStream();
        await OAuthErrorWriter.Instance.WriteAsync(http, error);
        Assert.Equal("no-store", http.Response.Headers.CacheControl.ToString());
        http.Response.Body.Position = 0;
        return JsonDocument.Parse(http.Response.Body).RootElement.Clone();
    }
}
