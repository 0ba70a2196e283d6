using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SessionService.Api.Tokens;
using SessionService.Tests.Support;
using SessionService.Tests.Unit.Tokens;

namespace SessionService.Tests.Http;

/// <summary>
/// Through <c>/auth/validate</c>: once a real token is cached, each non-canonical variant of it that an HTTP
/// header can carry is still 401 <c>invalid_token</c>, signed with the node's own key where it needs a signature.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CanonicalTokenTests(ApiFixture fixture)
{
    [Fact]
    public async Task Validate_IsInvalidToken_ForEveryHeaderSafeMalformedEncoding_WhenTheRealTokenIsCached()
    {
        var client = fixture.Client;
        var (name, _) = await client.NewUserAsync();
        var token = (await client.LoginOkAsync(name)).Str("access_token");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.ValidateAsync(token)).StatusCode);
        }

        var signing = fixture.Factory.Services.GetRequiredService<SigningKeys>().Signing;
        var signer = signing.Key.CryptoProviderFactory.CreateForSigning(signing.Key, signing.Algorithm);
        var tried = 0;
        foreach (var item in MalformedEncodings.All)
        {
            var malformed = MalformedEncodings.Make(item, token, (header, payload) => MalformedEncodings.Sign(header, payload, signer.Sign));
            if (malformed.Trim() != malformed || malformed.Any(c => c is < '!' or > '~'))
            {
                continue; // not something an Authorization header carries
            }

            tried++;
            var response = await client.ValidateAsync(malformed);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{item.Name}: {response.StatusCode}");
            Assert.Equal("invalid_token", await response.CodeAsync());
        }

        Assert.True(tried > 30);
        Assert.Equal(HttpStatusCode.OK, (await client.ValidateAsync(token)).StatusCode);
    }
}
