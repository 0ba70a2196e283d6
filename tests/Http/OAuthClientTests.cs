using System.Net;
using System.Net.Http.Headers;
using Duende.IdentityModel.Client;
using SessionService.Tests.Support;

namespace SessionService.Tests.Http;

/// <summary>A node whose <c>Auth:Issuer</c> is its own base URL, as strict discovery clients require.</summary>
public sealed class OAuthNodeFixture : IAsyncLifetime
{
    public const string BaseUrl = "http://localhost";

    public OwnNode Node { get; private set; } = null!;

    public DiscoveryDocumentResponse Discovery { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = new OwnNode(new Dictionary<string, string?> { ["Auth:Issuer"] = BaseUrl });
        Discovery = await Node.Client.GetDiscoveryDocumentAsync(StrictDiscovery());
    }

    /// <summary>IdentityModel's default (strict) policy: issuer name, endpoints under the authority, a key set; only HTTPS waived on loopback.</summary>
    public static DiscoveryDocumentRequest StrictDiscovery(string? path = null)
    {
        var request = new DiscoveryDocumentRequest { Address = BaseUrl, Policy = { RequireHttps = false } };
        if (path is not null)
        {
            request.Policy.DiscoveryDocumentPath = path;
        }

        return request;
    }

    public async Task DisposeAsync() => await Node.DisposeAsync();
}

/// <summary>Real OAuth 2.0 clients (Duende.IdentityModel) against the token, revocation and introspection endpoints.</summary>
public sealed class OAuthClientTests(OAuthNodeFixture fixture) : IClassFixture<OAuthNodeFixture>
{
    private const string ClientId = "orders-app";

    private HttpClient Client => fixture.Node.Client;

    private DiscoveryDocumentResponse Disco => fixture.Discovery;

    [Fact]
    public void Discovery_PassesTheStrictPolicy_AndListsTheOAuthEndpoints()
    {
        Assert.False(Disco.IsError, Disco.Error);
        Assert.Equal("http://localhost", Disco.Issuer);
        Assert.Equal("http://localhost/oauth/token", Disco.TokenEndpoint);
        Assert.Equal("http://localhost/oauth/revoke", Disco.RevocationEndpoint);
        Assert.Equal("http://localhost/oauth/introspect", Disco.IntrospectionEndpoint);
        Assert.Equal(["password", "refresh_token"], Disco.GrantTypesSupported);
        Assert.Equal(["none"], Disco.TokenEndpointAuthenticationMethodsSupported);
        Assert.NotEmpty(Disco.KeySet!.Keys);
        Assert.DoesNotContain(fixture.Node.Factory.Logs.Lines, line => line.Contains("Auth:Issuer is"));
    }

    [Fact]
    public async Task Discovery_IsAlsoServedAsRfc8414Metadata()
    {
        var metadata = await Client.GetDiscoveryDocumentAsync(OAuthNodeFixture.StrictDiscovery(".well-known/oauth-authorization-server"));

        Assert.False(metadata.IsError, metadata.Error);
        Assert.Equal(Disco.TokenEndpoint, metadata.TokenEndpoint);
        Assert.Equal(Disco.IntrospectionEndpoint, metadata.IntrospectionEndpoint);
    }

    [Fact]
    public async Task PasswordGrant_GivesAWorkingPair_NotToBeCached()
    {
        var (name, id) = await Client.NewUserAsync();

        var tokens = await PasswordAsync(name, device: "phone");

        Assert.False(tokens.IsError, tokens.Error);
        Assert.Equal("Bearer", tokens.TokenType);
        Assert.Equal(600, tokens.ExpiresIn);
        Assert.NotNull(tokens.RefreshToken);
        Assert.True(tokens.HttpResponse!.Headers.CacheControl?.NoStore);
        Assert.Equal(ClientId, RawJwt.Claim(tokens.AccessToken!, "client_id"));
        Assert.Equal(id, (await (await Client.ValidateAsync(tokens.AccessToken!)).JsonAsync()).Str("sub"));
        var sessions = await (await Client.GetAsync("/auth/sessions", tokens.AccessToken)).JsonAsync();
        Assert.Contains(sessions.EnumerateArray(), s => s.Str("device") == "phone");
    }

    [Fact]
    public async Task RefreshGrant_RotatesAsAuthRefresh_GraceRetryGetsTheSamePair_AndReuseRevokesTheSession()
    {
        var (name, _) = await Client.NewUserAsync();
        var first = await PasswordAsync(name);

        var second = await RefreshAsync(first.RefreshToken!);
        var retry = await RefreshAsync(first.RefreshToken!);

        Assert.False(second.IsError, second.Error);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal(second.RefreshToken, retry.RefreshToken);
        fixture.Node.Factory.Clock.Advance(TimeSpan.FromSeconds(31));
        var reuse = await RefreshAsync(first.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, reuse.HttpStatusCode);
        Assert.Equal("invalid_grant", reuse.Error);
        Assert.Equal("obsolete_refresh_token", reuse.Json?.GetProperty("code").GetString());
        Assert.Equal("invalid_grant", (await RefreshAsync(second.RefreshToken!)).Error);
        await Eventually.ProblemAsync(() => Client.ValidateAsync(second.AccessToken!), "obsolete_token");
    }

    [Fact]
    public async Task RefreshGrant_AndAuthRefresh_ShareOneRotation()
    {
        var (name, _) = await Client.NewUserAsync();
        var first = await PasswordAsync(name);

        var viaOAuth = await RefreshAsync(first.RefreshToken!);
        var viaAuth = await Client.RefreshAsync(viaOAuth.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, viaAuth.StatusCode);
        Assert.False((await RefreshAsync((await viaAuth.JsonAsync()).Str("refresh_token"))).IsError);
    }

    [Fact]
    public async Task Introspection_AnswersAnAccessTokensClaims_ThenInactiveOnceItsSessionIsRevoked()
    {
        var (name, id) = await Client.NewUserAsync();
        var tokens = await PasswordAsync(name);
        var introspector = await Client.ServiceTokenAsync("introspect");

        var active = await IntrospectAsync(tokens.AccessToken!, introspector);

        Assert.False(active.IsError, active.Error);
        Assert.True(active.IsActive);
        var json = active.Json!.Value;
        Assert.Equal(id, json.Str("sub"));
        Assert.Equal(RawJwt.Claim(tokens.AccessToken!, "sid"), json.Str("sid"));
        Assert.Equal(name, json.Str("username"));
        Assert.Equal("Bearer", json.Str("token_type"));
        Assert.Equal(ClientId, json.Str("client_id"));
        Assert.Equal("http://localhost", json.Str("iss"));
        Assert.Equal("session-service-api", json.Str("aud"));
        Assert.Equal(json.GetProperty("iat").GetInt64() + 600, json.GetProperty("exp").GetInt64());
        Assert.True(active.HttpResponse!.Headers.CacheControl?.NoStore);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync("/auth/logout", null, tokens.AccessToken)).StatusCode);
        await Eventually.ProblemAsync(() => Client.ValidateAsync(tokens.AccessToken!), "obsolete_token");
        var revoked = await IntrospectAsync(tokens.AccessToken!, introspector);
        Assert.False(revoked.IsActive);
        Assert.Equal(["active"], revoked.Json!.Value.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Introspection_IsInactiveForRefreshTokensGarbageAndExpiredTokens_AndActiveForAScopedServiceToken()
    {
        var (name, _) = await Client.NewUserAsync();
        var tokens = await PasswordAsync(name);
        var introspector = await Client.ServiceTokenAsync("introspect");
        var other = await Client.ServiceTokenAsync("revocations:read reports");

        Assert.False((await IntrospectAsync(tokens.RefreshToken!, introspector)).IsActive);
        Assert.False((await IntrospectAsync("not-a-token", introspector)).IsActive);
        var service = await IntrospectAsync(other, introspector);
        Assert.True(service.IsActive);
        Assert.Equal("revocations:read reports", service.Json!.Value.Str("scope"));

        fixture.Node.Factory.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(30));
        Assert.False((await IntrospectAsync(tokens.AccessToken!, introspector)).IsActive);
    }

    [Fact]
    public async Task Introspection_NeedsAServiceTokenWithTheIntrospectScope()
    {
        var (name, _) = await Client.NewUserAsync();
        var access = (await PasswordAsync(name)).AccessToken!;

        var none = await IntrospectAsync(access, serviceToken: null);
        var userToken = await IntrospectAsync(access, access);
        var wrongScope = await IntrospectAsync(access, await Client.ServiceTokenAsync("revocations:read"));

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_token"), (none.HttpStatusCode, ErrorOf(none)));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_token"), (userToken.HttpStatusCode, ErrorOf(userToken)));
        Assert.Equal((HttpStatusCode.Forbidden, "insufficient_scope"), (wrongScope.HttpStatusCode, ErrorOf(wrongScope)));
        Assert.Contains("scope=\"introspect\"", wrongScope.HttpResponse!.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Revocation_OfARefreshToken_EndsItsSession()
    {
        var (name, _) = await Client.NewUserAsync();
        var tokens = await PasswordAsync(name);

        var revoked = await Client.RevokeTokenAsync(new TokenRevocationRequest
        {
            Address = Disco.RevocationEndpoint, ClientId = ClientId, Token = tokens.RefreshToken!, TokenTypeHint = "refresh_token",
        });

        Assert.False(revoked.IsError, revoked.Error);
        Assert.Equal(HttpStatusCode.OK, revoked.HttpStatusCode);
        Assert.Equal("invalid_grant", (await RefreshAsync(tokens.RefreshToken!)).Error);
        await Eventually.ProblemAsync(() => Client.ValidateAsync(tokens.AccessToken!), "obsolete_token");
    }

    [Fact]
    public async Task Revocation_OfAnAccessToken_EndsItsSession_AndAnythingElseIs200()
    {
        var (name, _) = await Client.NewUserAsync();
        var tokens = await PasswordAsync(name);

        var revoked = await Client.RevokeTokenAsync(new TokenRevocationRequest { Address = Disco.RevocationEndpoint, ClientId = ClientId, Token = tokens.AccessToken! });
        var garbage = await Client.RevokeTokenAsync(new TokenRevocationRequest { Address = Disco.RevocationEndpoint, ClientId = ClientId, Token = "garbage" });

        Assert.False(revoked.IsError, revoked.Error);
        Assert.False(garbage.IsError, garbage.Error);
        Assert.Equal("invalid_grant", (await RefreshAsync(tokens.RefreshToken!)).Error);
    }

    [Fact]
    public async Task PasswordGrant_AnswersInvalidGrant_ForAWrongPasswordADisabledUserAndALockedAccount()
    {
        var (name, id) = await Client.NewUserAsync();

        var wrong = await PasswordAsync(name, "wrong-password-1");
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant", "The user name or password is wrong."), (wrong.HttpStatusCode, wrong.Error, wrong.ErrorDescription));
        Assert.Equal("invalid_grant", (await PasswordAsync("nobody-" + id[..6])).Error);
        for (var i = 1; i < 5; i++)
        {
            Assert.Equal("invalid_grant", (await PasswordAsync(name, "wrong-password-1")).Error);
        }

        var locked = await PasswordAsync(name);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (locked.HttpStatusCode, locked.Error));
        Assert.Contains("locked", locked.ErrorDescription);
        Assert.Equal(TimeSpan.FromSeconds(60), locked.HttpResponse!.Headers.RetryAfter?.Delta);

        var (other, otherId) = await Client.NewUserAsync();
        var admin = await Client.AdminTokenAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync($"/users/{otherId}/disable", bearer: admin)).StatusCode);
        var disabled = await PasswordAsync(other);
        Assert.Equal(("invalid_grant", "This account is disabled."), (disabled.Error, disabled.ErrorDescription));
    }

    [Fact]
    public async Task TokenEndpoint_RefusesClientAuthentication_WithInvalidClient()
    {
        var (name, _) = await Client.NewUserAsync();

        var inHeader = await PasswordAsync(name, clientSecret: "s3cret", style: ClientCredentialStyle.AuthorizationHeader);
        var inBody = await PasswordAsync(name, clientSecret: "s3cret", style: ClientCredentialStyle.PostBody);

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (inHeader.HttpStatusCode, ErrorOf(inHeader)));
        Assert.StartsWith("Basic", inHeader.HttpResponse!.Headers.WwwAuthenticate.ToString());
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (inBody.HttpStatusCode, ErrorOf(inBody)));
    }

    [Theory]
    [InlineData("", 400, "invalid_request")]
    [InlineData("grant_type=client_credentials", 400, "unsupported_grant_type")]
    [InlineData("grant_type=authorization_code&code=x", 400, "unsupported_grant_type")]
    [InlineData("grant_type=password&password=x", 400, "invalid_request")]
    [InlineData("grant_type=password&username=x", 400, "invalid_request")]
    [InlineData("grant_type=password&username=x&username=y&password=z", 400, "invalid_request")]
    [InlineData("grant_type=password&username=x&password=z&device=%2F%2F", 400, "invalid_request")]
    [InlineData("grant_type=refresh_token", 400, "invalid_request")]
    [InlineData("grant_type=refresh_token&refresh_token=not-a-token", 400, "invalid_grant")]
    [InlineData("grant_type=refresh_token&refresh_token=x&client_secret=y", 401, "invalid_client")]
    [InlineData("grant_type=refresh_token&refresh_token=x&client_id=%01", 400, "invalid_request")]
    public async Task TokenEndpoint_AnswersRfc6749Errors(string form, int status, string error) =>
        await AssertOAuthErrorAsync(await PostFormAsync("/oauth/token", form), status, error);

    [Theory]
    [InlineData("/oauth/token", "application/json", "[1]")]
    [InlineData("/oauth/token", "application/json", "{\"grant_type\": 5}")]
    [InlineData("/oauth/token", "application/x-www-form-urlencoded", "grant_type=%FF%FE")]
    [InlineData("/oauth/revoke", "application/x-www-form-urlencoded", "token_type_hint=refresh_token")]
    [InlineData("/oauth/revoke", "application/x-www-form-urlencoded", "token=")]
    public async Task Endpoints_AnswerBadBodiesWithInvalidRequest(string path, string contentType, string body)
    {
        var response = await Client.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, contentType));

        await AssertOAuthErrorAsync(response, 400, "invalid_request");
    }

    private Task<TokenResponse> PasswordAsync(
        string name, string password = ApiCalls.Password, string? device = null, string? clientSecret = null,
        ClientCredentialStyle style = ClientCredentialStyle.PostBody)
    {
        var request = new PasswordTokenRequest
        {
            Address = Disco.TokenEndpoint, ClientId = ClientId, ClientSecret = clientSecret, ClientCredentialStyle = style,
            UserName = name, Password = password,
        };
        if (device is not null)
        {
            request.Parameters.Add("device", device);
        }

        return Client.RequestPasswordTokenAsync(request);
    }

    private Task<TokenResponse> RefreshAsync(string refreshToken) =>
        Client.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = Disco.TokenEndpoint, ClientId = ClientId, ClientCredentialStyle = ClientCredentialStyle.PostBody, RefreshToken = refreshToken,
        });

    private Task<TokenIntrospectionResponse> IntrospectAsync(string token, string? serviceToken)
    {
        var request = new TokenIntrospectionRequest { Address = Disco.IntrospectionEndpoint, Token = token };
        if (serviceToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", serviceToken);
        }

        return Client.IntrospectTokenAsync(request);
    }

    /// <summary>The §5.2 <c>error</c> of a response IdentityModel files as an HTTP error (it reads the body only for 400s).</summary>
    private static string? ErrorOf(ProtocolResponse response) =>
        System.Text.Json.JsonDocument.Parse(response.Raw!).RootElement.GetProperty("error").GetString();

    private Task<HttpResponseMessage> PostFormAsync(string path, string form) =>
        Client.PostAsync(path, new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

    private static async Task AssertOAuthErrorAsync(HttpResponseMessage response, int status, string error)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var json = await response.JsonAsync();
        Assert.Equal(error, json.Str("error"));
        Assert.NotEmpty(json.Str("error_description"));
    }
}
