using System.Security.Cryptography;
using System.Text.Json;

namespace SessionService.Tests.Unit.Gateway.Import;

/// <summary>Declarative files shaped as decK dumps them: sorted keys, ids and tags, services and plugins around the consumers.</summary>
public static class DeckFixtures
{
    public const string HsSecret = "e71829c351aa4242c2719cbfbe671c09";

    public static readonly string RsaPublicKeyPem = MakeRsaPublicKeyPem();

    public static string Yaml { get; } = $$"""
        _format_version: "3.0"
        _info:
          select_tags:
          - billing
        consumers:
        - acls:
          - group: partners
          custom_id: acme-4711
          id: 0f0a1c5e-8f0a-4d1b-9d0e-2f7b1c7a9b11
          jwt_secrets:
          - algorithm: HS256
            id: 5c1f7e8a-3b2d-4f6e-9a8b-7c6d5e4f3a21
            key: acme-issuer
            secret: {{HsSecret}}
            tags:
            - billing
          tags:
          - billing
          username: acme
        - id: 7b2e4c6d-1a3f-4e5b-8c7d-9e0f1a2b3c44
          jwt_secrets:
          - algorithm: RS256
            key: "https://idp.example.com/"
            rsa_public_key: |
        {{Indent(RsaPublicKeyPem, 6)}}
          username: 'globex'
        - custom_id: "000123"
        plugins:
        - config:
            claims_to_verify:
            - exp
            key_claim_name: iss
            secret_is_base64: false
          enabled: true
          name: jwt
          protocols:
          - http
          - https
        services:
        - connect_timeout: 60000
          host: billing.internal
          name: billing
          port: 8080
          protocol: http
          routes:
          - name: billing-route
            paths:
            - /billing
            strip_path: true
        """;

    /// <summary>The same content as <see cref="Yaml"/>, as <c>deck file convert</c> or Kong's JSON export writes it.</summary>
    public static string Json { get; } = JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["_format_version"] = "3.0",
        ["consumers"] = new object[]
        {
            new Dictionary<string, object?>
            {
                ["acls"] = new[] { new { group = "partners" } },
                ["custom_id"] = "acme-4711",
                ["id"] = "0f0a1c5e-8f0a-4d1b-9d0e-2f7b1c7a9b11",
                ["jwt_secrets"] = new[]
                {
                    new Dictionary<string, object?>
                    {
                        ["algorithm"] = "HS256", ["key"] = "acme-issuer", ["secret"] = HsSecret,
                        ["rsa_public_key"] = null, ["tags"] = new[] { "billing" },
                    },
                },
                ["username"] = "acme",
            },
            new Dictionary<string, object?>
            {
                ["custom_id"] = null,
                ["jwt_secrets"] = new[]
                {
                    new Dictionary<string, object?>
                    {
                        ["algorithm"] = "RS256", ["key"] = "https://idp.example.com/", ["rsa_public_key"] = RsaPublicKeyPem + "\n",
                    },
                },
                ["username"] = "globex",
            },
            new Dictionary<string, object?> { ["custom_id"] = "000123" },
        },
        ["plugins"] = new[] { new { name = "jwt", config = new { claims_to_verify = new[] { "exp" } } } },
        ["services"] = new[] { new { name = "billing", host = "billing.internal", port = 8080 } },
    });

    private static string MakeRsaPublicKeyPem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportSubjectPublicKeyInfoPem();
    }

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.Split('\n').Select(line => new string(' ', spaces) + line));
}
