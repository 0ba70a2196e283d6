namespace SessionService.Api.Gateway.Verification;

/// <summary>
/// A token whose encoding, key claim, algorithm, signature and claim types have been verified: what a
/// repeated presentation still needs (whether its credential is still the same instance, and its times).
/// </summary>
/// <param name="Key">The key claim's value, to look the credential up again.</param>
/// <param name="Exp">The <c>exp</c> claim, NaN when it is not verified.</param>
/// <param name="Nbf">The <c>nbf</c> claim, NaN when it is not verified.</param>
/// <param name="Passed">The success verdict, built once so a repeated token allocates nothing.</param>
internal sealed record VerifiedConsumerToken(GatewayCredential Credential, string Key, double Exp, double Nbf, GatewayVerdict Passed);
