using System.Diagnostics.CodeAnalysis;

namespace SessionService.Api.Gateway.Verification;

/// <summary>
/// The outcome of verifying one consumer token: the credential that signed it, or a stable code with
/// Kong's wording for the failure.
/// </summary>
public sealed class GatewayVerdict
{
    private GatewayVerdict(GatewayCredential? credential, string? code, string? message)
    {
        Credential = credential;
        Code = code;
        Message = message;
    }

    public GatewayCredential? Credential { get; }

    /// <summary>One of <see cref="GatewayCodes"/>, null on success.</summary>
    public string? Code { get; }

    /// <summary>Kong's wording for the failure, null on success.</summary>
    public string? Message { get; }

    [MemberNotNullWhen(true, nameof(Credential))]
    [MemberNotNullWhen(false, nameof(Code), nameof(Message))]
    public bool Succeeded => Credential is not null;

    public static GatewayVerdict Pass(GatewayCredential credential) => new(credential, null, null);

    public static GatewayVerdict Fail(string code, string message) => new(null, code, message);

    public override string ToString() => Succeeded ? $"pass ({Credential.Key})" : $"{Code}: {Message}";
}
