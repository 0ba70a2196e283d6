using SessionService.AspNetCore;

namespace SessionService.Tests.Unit.SessionTokens;

public sealed class SessionTokensOptionsValidatorTests
{
    private readonly SessionTokensOptionsValidator _validator = new();

    [Fact]
    public void CompleteHttpsOptions_AreValid()
    {
        Assert.True(_validator.Validate(null, Valid()).Succeeded);
    }

    [Fact]
    public void PlainHttp_IsRefused_UnlessRequireHttpsMetadataIsOff()
    {
        var options = Valid();
        options.Authority = "http://sessions.internal";
        Assert.Contains("RequireHttpsMetadata", _validator.Validate(null, options).FailureMessage);

        options.RequireHttpsMetadata = false;
        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("Authority")]
    [InlineData("Audience")]
    [InlineData("ServiceToken")]
    [InlineData("FailClosedAfter")]
    [InlineData("Backoff.Maximum")]
    public void AMissingOrNonsenseSetting_IsRefused_NamingIt(string key)
    {
        var options = Valid();
        switch (key)
        {
            case "Authority": options.Authority = "sessions.example.com"; break;
            case "Audience": options.Audience = " "; break;
            case "ServiceToken": options.ServiceToken = null; break;
            case "FailClosedAfter": options.FailClosedAfter = TimeSpan.Zero; break;
            case "Backoff.Maximum": options.Backoff = new ReconnectBackoff { Initial = TimeSpan.FromSeconds(2), Maximum = TimeSpan.FromSeconds(1) }; break;
        }

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage);
    }

    [Fact]
    public void AServiceTokenProvider_StandsInForAFixedToken()
    {
        var options = Valid();
        options.ServiceToken = null;
        options.ServiceTokenProvider = (_, _) => ValueTask.FromResult("token");

        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    private static SessionTokensOptions Valid() => new()
    {
        Authority = "https://sessions.example.com",
        Audience = "orders-api",
        ServiceToken = "service-token",
    };
}
