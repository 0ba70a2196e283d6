using System.Diagnostics.Metrics;
using SessionService.Api.Http;
using SessionService.Api.Users;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Telemetry;

/// <summary>
/// The API node's meter. Each instrument is recorded at the one place its event happens; tags are
/// passed as key-value pairs (no allocation when nothing listens, none per call beyond the tags when something does).
/// </summary>
public static class ApiMetrics
{
    public const string MeterName = "SessionService.Api";

    public const string Success = "success";
    public const string Failure = "failure";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Logins = Meter.CreateCounter<long>(
        "session.logins", "{login}", "Password logins by outcome and contract code.");

    private static readonly Counter<long> Refreshes = Meter.CreateCounter<long>(
        "session.refreshes", "{refresh}", "Refresh-token uses by outcome.");

    private static readonly Counter<long> ReuseDetections = Meter.CreateCounter<long>(
        "session.refresh.reuse_detections", "{detection}", "Refresh tokens used again outside the grace window (the session was revoked).");

    private static readonly Counter<long> Validations = Meter.CreateCounter<long>(
        "session.validations", "{validation}", "Access-token checks by outcome and contract code.");

    private static readonly Counter<long> GatewayVerifications = Meter.CreateCounter<long>(
        "session.gateway.verifications", "{verification}", "Gateway decisions (forward auth and the built-in proxy) by outcome and code.");

    private static readonly Counter<long> RouteVerifications = Meter.CreateCounter<long>(
        "session.route.verifications", "{verification}", "Route-token uses (verify and claim) by outcome and code.");

    private static readonly Histogram<double> RevocationLag = Meter.CreateHistogram(
        "session.revocation.apply_lag", "s", "Time from the authority publishing a revocation to this node applying it.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    public static void RecordLogin(SignInOutcome outcome)
    {
        var code = outcome switch
        {
            SignInOutcome.Success => null,
            SignInOutcome.Disabled => ErrorCodes.AccountDisabled,
            SignInOutcome.Locked => ErrorCodes.AccountLocked,
            _ => ErrorCodes.InvalidCredentials,
        };
        Logins.Add(1, Outcome(code), Code(code));
    }

    /// <summary>An obsolete refresh token is a detected reuse: the grain has revoked its session.</summary>
    public static void RecordRefresh(RefreshOutcome outcome)
    {
        Refreshes.Add(1, new KeyValuePair<string, object?>("outcome", outcome switch
        {
            RefreshOutcome.Success => Success,
            RefreshOutcome.Expired => "expired",
            RefreshOutcome.Obsolete => "obsolete",
            _ => "invalid",
        }));
        if (outcome == RefreshOutcome.Obsolete)
        {
            ReuseDetections.Add(1);
        }
    }

    /// <summary><paramref name="code"/> is null for a token that passed.</summary>
    public static void RecordValidation(string? code) => Validations.Add(1, Outcome(code), Code(code));

    /// <param name="outcome">pass, anonymous or refuse.</param>
    public static void RecordGatewayVerification(string outcome, string? code) =>
        GatewayVerifications.Add(1, new KeyValuePair<string, object?>("outcome", outcome), Code(code));

    public static void RecordRouteVerification(string? code) => RouteVerifications.Add(1, Outcome(code), Code(code));

    public static void RecordRevocationLag(TimeSpan lag) => RevocationLag.Record(Math.Max(0, lag.TotalSeconds));

    private static KeyValuePair<string, object?> Outcome(string? code) => new("outcome", code is null or "ok" ? Success : Failure);

    private static KeyValuePair<string, object?> Code(string? code) => new("code", code ?? "ok");
}
