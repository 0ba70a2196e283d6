using SessionService.Api.Gateway.Verification;
using SessionService.Api.Http;

namespace SessionService.Api.Gateway;

/// <summary>
/// The gateway's envelope: problem details whose <c>detail</c> is Kong's wording, repeated in <c>message</c>
/// (the field Kong's clients read), with the Bearer challenge on a 401.
/// </summary>
public sealed class GatewayErrorWriter : IErrorWriter
{
    public static readonly GatewayErrorWriter Instance = new();

    public Task WriteAsync(HttpContext http, ApiError error)
    {
        if (error.Status == StatusCodes.Status401Unauthorized)
        {
            Problems.SetBearerChallenge(http, error.Code == GatewayCodes.NoToken ? ErrorCodes.NoAuthHeader : error.Code);
        }

        var problem = Problems.Details(error.Status, error.Code, error.Detail);
        problem.Extensions["message"] = error.Detail;
        return TypedResults.Problem(problem).ExecuteAsync(http);
    }
}
