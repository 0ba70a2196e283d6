using static SessionService.Api.Apis.Reference.OperationExamples;

namespace SessionService.Api.Apis.Reference;

/// <summary>
/// The one table of request and success examples per operation ("METHOD /path" as the OpenAPI document names
/// it), applied by <see cref="OperationReferenceTransformer"/>. Error examples are made from <see cref="EndpointErrors"/>.
/// </summary>
public static class EndpointExamples
{
    private const string AccessToken = "eyJhbGciOiJFUzI1NiIsImtpZCI6ImsxIiwidHlwIjoiYXQrand0In0.eyJzdWIiOiI2NDYyNGE5N2Q2ZTU0YTkwOTIwYmE0ZmJjYTU2Y2UyOSJ9.c2lnbmF0dXJl";
    private const string RefreshToken = "64624a97d6e54a90920ba4fbca56ce29.0f1e2d3c4b5a69788796a5b4c3d2e1f0.3.q0xZs2Wb8c1mN4pR7tV0yA3dG6jK9nQ2uX5zB8eH1kM.T4g7Yw";
    private const string UserId = "64624a97d6e54a90920ba4fbca56ce29";

    private static readonly string TokenAnswer = $$"""
        { "access_token": "{{AccessToken}}", "token_type": "Bearer", "expires_in": 600,
          "refresh_token": "{{RefreshToken}}", "refresh_expires_in": 2592000, "device": "phone",
          "user": { "id": "{{UserId}}", "username": "alice", "roles": [] } }
        """;

    private static readonly string Sessions = """
        [ { "device": "phone", "device_name": "Pixel", "created_at": "2026-11-24T08:00:00Z", "last_used_at": "2026-11-24T09:30:00Z",
            "expires_at": "2026-12-24T09:30:00Z", "ip": "203.0.113.7", "user_agent": "Mozilla/5.0 (Linux; Android 15)", "current": true },
          { "device": "laptop", "device_name": null, "created_at": "2026-11-20T17:12:00Z", "last_used_at": "2026-11-23T21:04:00Z",
            "expires_at": "2026-12-23T21:04:00Z", "ip": "198.51.100.20", "user_agent": "Mozilla/5.0 (X11; Linux x86_64)", "current": false } ]
        """;

    private static readonly string User = $$"""
        { "id": "{{UserId}}", "username": "alice", "roles": ["editor"], "disabled": false, "created_at": "2026-11-20T17:00:00Z",
          "number": 42, "email": "alice@example.com", "display_name": "Alice", "first_name": "Alice", "last_name": "Liddell",
          "claims": { "tenant": "wonderland" } }
        """;

    private static readonly string Validation = $$"""
        { "valid": true, "sub": "{{UserId}}", "sid": "0f1e2d3c4b5a69788796a5b4c3d2e1f0", "exp": 1795513800,
          "claims": { "preferred_username": "alice", "roles": [] } }
        """;

    private static readonly string Consumer = """
        { "id": "7d3f5a0e-4c1b-4f7e-9a52-1b8c6d2e9f01", "username": "partner-app", "custom_id": "crm-17", "created_at": 1795510000 }
        """;

    private static readonly string Credential = """
        { "id": "c0a80101-7b3e-4d2a-8f61-5e4d3c2b1a09", "key": "partner-key-1", "algorithm": "HS256", "secret": "v3ry-l0ng-rand0m-shared-secret-of-32-bytes!",
          "rsa_public_key": null, "consumer": { "id": "7d3f5a0e-4c1b-4f7e-9a52-1b8c6d2e9f01" }, "created_at": 1795510060 }
        """;

    private static readonly string RouteToken = """
        { "id": "r-5b0e2c", "method": "GET", "path": "/files/report.pdf", "query": { "v": "2" }, "act_as_me": false,
          "created_at": "2026-11-24T09:00:00Z", "expires_at": "2026-11-25T09:00:00Z", "max_uses": 1, "uses": 0, "revoked": false, "recent_uses": [] }
        """;

    private static readonly string Discovery = """
        { "issuer": "https://auth.example.com", "jwks_uri": "https://auth.example.com/.well-known/jwks.json",
          "token_endpoint": "https://auth.example.com/oauth/token", "revocation_endpoint": "https://auth.example.com/oauth/revoke",
          "introspection_endpoint": "https://auth.example.com/oauth/introspect", "grant_types_supported": ["password", "refresh_token"],
          "id_token_signing_alg_values_supported": ["ES256"] }
        """;

    public static readonly IReadOnlyDictionary<string, OperationExamples> ByOperation = new Dictionary<string, OperationExamples>(StringComparer.Ordinal)
    {
        ["POST /auth/token"] = Json("""{ "username": "alice", "password": "correct-horse-battery-9", "device": "phone", "device_name": "Pixel" }""", TokenAnswer),
        ["POST /auth/refresh"] = Json($$"""{ "refresh_token": "{{RefreshToken}}" }""", TokenAnswer),
        ["GET /auth/validate"] = Json(null, Validation),
        ["POST /auth/validate"] = Json(null, Validation),
        ["POST /auth/logout"] = Json($$"""{ "refresh_token": "{{RefreshToken}}" }""", null),
        ["POST /auth/password"] = Json("""{ "current_password": "correct-horse-battery-9", "new_password": "another-horse-battery-10" }""", null),

        ["GET /auth/sessions"] = Json(null, Sessions),
        ["DELETE /auth/sessions"] = Json(null, null),
        ["DELETE /auth/sessions/{device}"] = Json(null, null),

        ["POST /users"] = Json("""{ "username": "alice", "password": "correct-horse-battery-9", "roles": ["editor"], "email": "alice@example.com" }""",
            $$"""{ "id": "{{UserId}}", "username": "alice", "roles": ["editor"] }"""),
        ["GET /users"] = Json(null, $$"""{ "data": [ {{User}} ], "next": "42" }"""),
        ["GET /users/{id}"] = Json(null, User),
        ["PATCH /users/{id}"] = Json("""{ "display_name": "Alice", "claims": { "tenant": "wonderland" } }""", User),
        ["DELETE /users/{id}"] = Json(null, null),
        ["POST /users/{id}/disable"] = Json(null, null),
        ["POST /users/{id}/enable"] = Json(null, null),
        ["GET /users/{id}/login-attempts"] = Json(null, $$"""
            [ { "at": "2026-11-24T09:30:00Z", "succeeded": true, "reason": "ok", "user_id": "{{UserId}}", "username": "alice",
                "device": "phone", "ip": "203.0.113.7", "user_agent": "Mozilla/5.0 (Linux; Android 15)" },
              { "at": "2026-11-24T09:29:41Z", "succeeded": false, "reason": "wrong_password", "user_id": "{{UserId}}", "username": "alice",
                "device": null, "ip": "203.0.113.7", "user_agent": "curl/8.5.0" } ]
            """),
        ["GET /users/{id}/sessions"] = Json(null, Sessions),
        ["DELETE /users/{id}/sessions"] = Json(null, null),
        ["POST /admin/import/wordpress"] = Json("""
            [ { "ID": 42, "user_login": "alice", "user_pass": "$P$BZlPX7NIx8MYpXokBW2AGsN7i.aUOt0", "user_email": "alice@example.com", "display_name": "Alice" } ]
            """, $$"""{ "created": 1, "skipped": 0, "users": [ { "index": 0, "id": "{{UserId}}", "number": 42, "username": "alice", "status": "created" } ] }"""),

        ["POST /admin/keys/rotate"] = Json(null, """{ "kid": "k-2026-11-24-0930" }"""),
        ["POST /admin/tokens"] = Json("""{ "sub": "billing-service", "expires_in": 3600, "scope": "introspect" }""",
            $$"""{ "token": "{{AccessToken}}", "token_type": "Bearer", "expires_in": 3600, "kid": "k1", "scope": "introspect" }"""),

        ["GET /.well-known/jwks.json"] = Json(null, """
            { "keys": [ { "kty": "EC", "crv": "P-256", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
                          "kid": "k1", "use": "sig", "alg": "ES256" } ] }
            """),
        ["GET /.well-known/openid-configuration"] = Json(null, Discovery),
        ["GET /.well-known/oauth-authorization-server"] = Json(null, Discovery),

        ["GET /revocations"] = Json(null, """
            { "cursor": "17", "entries": [ { "seq": 17, "kind": "session", "subject": "0f1e2d3c4b5a69788796a5b4c3d2e1f0", "expires_at": 1795513830 } ] }
            """),
        ["GET /revocations/stream"] = Text("text/event-stream",
            "id: 18\nevent: revoked\ndata: {\"seq\":18,\"kind\":\"user\",\"subject\":\"64624a97d6e54a90920ba4fbca56ce29\",\"expires_at\":1795513900}\n\n"),

        ["POST /oauth/token"] = Json("""{ "grant_type": "password", "username": "alice", "password": "correct-horse-battery-9", "device": "cli" }""",
            $$"""{ "access_token": "{{AccessToken}}", "token_type": "Bearer", "expires_in": 600, "refresh_token": "{{RefreshToken}}", "refresh_expires_in": 2592000 }"""),
        ["POST /oauth/revoke"] = Json($$"""{ "token": "{{RefreshToken}}", "token_type_hint": "refresh_token" }""", null),
        ["POST /oauth/introspect"] = Json($$"""{ "token": "{{AccessToken}}" }""", $$"""
            { "active": true, "sub": "{{UserId}}", "sid": "0f1e2d3c4b5a69788796a5b4c3d2e1f0", "exp": 1795513800, "iat": 1795513200,
              "iss": "https://auth.example.com", "aud": "session-service", "username": "alice", "token_type": "access_token" }
            """),

        ["POST /admin/consumers"] = Json("""{ "username": "partner-app", "custom_id": "crm-17" }""", Consumer),
        ["GET /admin/consumers"] = Json(null, $$"""{ "data": [ {{Consumer}} ], "next_offset": null }"""),
        ["POST /admin/consumers/import"] = Json("""
            { "consumers": [ { "username": "partner-app", "custom_id": "crm-17",
                               "jwt_secrets": [ { "key": "partner-key-1", "algorithm": "HS256", "secret": "v3ry-l0ng-rand0m-shared-secret-of-32-bytes!" } ] } ] }
            """, """{ "created": 1, "skipped": 0, "credentials_created": 1, "credentials_skipped": 0 }"""),
        ["GET /admin/consumers/{consumer}"] = Json(null, Consumer),
        ["DELETE /admin/consumers/{consumer}"] = Json(null, null),
        ["POST /admin/consumers/{consumer}/jwt"] = Json("""{ "key": "partner-key-1", "algorithm": "HS256" }""", Credential),
        ["GET /admin/consumers/{consumer}/jwt"] = Json(null, """
            { "data": [ { "id": "c0a80101-7b3e-4d2a-8f61-5e4d3c2b1a09", "key": "partner-key-1", "algorithm": "HS256",
                          "consumer": { "id": "7d3f5a0e-4c1b-4f7e-9a52-1b8c6d2e9f01" }, "created_at": 1795510060 } ] }
            """),
        ["DELETE /admin/consumers/{consumer}/jwt/{credential}"] = Json(null, null),
        ["GET /gateway/verify"] = Json(null, null),
        ["POST /gateway/verify"] = Json(null, null),

        ["POST /routes"] = Json("""{ "path": "/files/report.pdf", "method": "GET", "query": { "v": "2" }, "expires_in": 86400, "max_uses": 1 }""", """
            { "id": "r-5b0e2c", "token": "eyJhbGciOiJFUzI1NiIsInR5cCI6InJvdXRlK2p3dCJ9.eyJqdGkiOiJyLTViMGUyYyJ9.c2lnbmF0dXJl",
              "url": "/files/report.pdf?v=2&jwt=eyJhbGciOiJFUzI1NiIsInR5cCI6InJvdXRlK2p3dCJ9.eyJqdGkiOiJyLTViMGUyYyJ9.c2lnbmF0dXJl",
              "expires_at": "2026-11-25T09:00:00Z", "max_uses": 1 }
            """),
        ["GET /routes"] = Json(null, $"[ {RouteToken} ]"),
        ["GET /routes/{id}"] = Json(null, RouteToken),
        ["DELETE /routes/{id}"] = Json(null, null),
        ["GET /routes/claim"] = Json(null, """
            { "id": "r-5b0e2c", "method": "GET", "path": "/files/report.pdf", "query": { "v": "2" }, "user": null, "uses": 1, "max_uses": 1,
              "expires_at": "2026-11-25T09:00:00Z" }
            """),
        ["GET /routes/verify"] = Json(null, null),

        ["POST /dashboard/session"] = Json(null, null),
        ["DELETE /dashboard/session"] = Json(null, null),

        ["POST /wp-json/jwt-auth/v1/token"] = Json("""{ "username": "alice", "password": "correct-horse-battery-9", "device": "phone" }""", $$"""
            { "success": true, "statusCode": 200, "code": "jwt_auth_valid_credential", "message": "Credential is valid",
              "data": { "token": "{{AccessToken}}", "id": 42, "email": "alice@example.com", "nicename": "alice", "firstName": "Alice",
                        "lastName": "Liddell", "displayName": "Alice" } }
            """),
        ["POST /wp-json/jwt-auth/v1/token/validate"] = Json(null,
            """{ "success": true, "statusCode": 200, "code": "jwt_auth_valid_token", "message": "Token is valid", "data": [] }"""),
        ["POST /wp-json/jwt-auth/v1/token/refresh"] = Json("""{ "device": "phone" }""",
            """{ "success": true, "statusCode": 200, "code": "jwt_auth_valid_token", "message": "Token is valid" }"""),
        ["POST /auth"] = Json("""{ "username": "alice", "password": "correct-horse-battery-9" }""", $$"""{ "access_token": "{{AccessToken}}" }"""),

        ["GET /health/live"] = Text("text/plain", "Healthy"),
        ["GET /health/ready"] = Text("text/plain", "Healthy"),
        ["GET /metrics"] = Text("text/plain",
            "# TYPE session_logins_total counter\nsession_logins_total{outcome=\"success\",code=\"\"} 12\nsession_logins_total{outcome=\"failure\",code=\"invalid_credentials\"} 3\n"),
    };
}
