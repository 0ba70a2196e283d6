using System.Diagnostics.CodeAnalysis;

namespace SessionService.Api.Gateway;

/// <summary>Whether a request may pass the gateway, with the identity headers to tell its upstream, or why not.</summary>
public sealed record GatewayDecision(IReadOnlyList<KeyValuePair<string, string>>? Headers, string? Code, string? Message)
{
    public static readonly GatewayDecision PassWithoutIdentity = new([], null, null);

    [MemberNotNullWhen(true, nameof(Headers))]
    [MemberNotNullWhen(false, nameof(Code), nameof(Message))]
    public bool Allowed => Headers is not null;

    public static GatewayDecision Pass(IReadOnlyList<KeyValuePair<string, string>> headers) => new(headers, null, null);

    public static GatewayDecision Refuse(string code, string message) => new(null, code, message);
}
