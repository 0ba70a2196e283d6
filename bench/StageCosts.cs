using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using SessionService.Api.Http;
using SessionService.Api.Telemetry;
using SessionService.Api.Tokens;
using SessionService.Grains;
using SessionService.Grains.Contracts;
using SessionService.Grains.Keys;
using SessionService.Grains.Tokens;
using SessionService.Grains.Users;
using SessionService.Silo.ClusterSecret;

namespace SessionService.Bench;

/// <summary>
/// The refresh path's stages that run without a server, each timed alone on the
/// service's own code (CPU time on one thread, see <see cref="CpuCost"/>): reading the request, parsing
/// and hashing the token, the rotation, the grain's bookkeeping, serializing the state, issuing the access
/// token and writing the response.
/// </summary>
internal static class StageCosts
{
    public static IReadOnlyList<(string Stage, double Microseconds)> Measure()
    {
        var sample = new RefreshSample();
        var now = DateTimeOffset.UtcNow;
        var presented = Presented(sample);
        var hash = Time(() => () => RefreshToken.Hash(sample.Token));
        var decide = Time(() => () => RefreshRotationPolicy.Decide(sample.Session, presented, sample.Client, now, sample.Auth));
        var rotated = RefreshRotationPolicy.Decide(sample.Session, presented, sample.Client, now, sample.Auth).Session!;
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var nextState = sample.State with { Sessions = sample.State.Sessions.Replace(sample.Session, rotated) };
        return
        [
            ("body parsing and client info", Time(() => ReadRequest(sample.Token))),
            ("token parsing and hashing", Time(() => () =>
            {
                RefreshToken.TryParse(sample.Token, out _);
                RefreshToken.TryParse(sample.Token, out var parsed);
                DeviceSessions.FindById(sample.State.Sessions, parsed.SessionId);
            }) + hash),
            ("rotation crypto (mint, hash, seal)", decide - hash),
            ("grain bookkeeping (state copy, timer due)", Time(() => () =>
            {
                var next = sample.State with { Sessions = sample.State.Sessions.Replace(sample.Session, rotated) };
                RefreshRotationPolicy.WithoutClosedSuccessors(next.Sessions, now, sample.Auth.RefreshReuseGrace);
                RefreshRotationPolicy.NextWindowClose(next.Sessions, sample.Auth.RefreshReuseGrace);
                _ = sample.Issued;
            })),
            ("state serialization", Time(() => () => serializer.SerializeToArray(nextState))),
            ("access token issuing (ES256)", Time(() =>
            {
                var issuer = NewIssuer(sample.Auth);
                var issued = sample.Issued;
                return () => issuer.Issue(issued);
            })),
            ("response and cookie", Time(() => WriteResponse(sample))),
        ];
    }

    /// <summary>Parts of the stages above, shown beside them: the ES256 signature in issuing, the call proof a cluster-mode grain call carries (an embedded node's carries no cryptography).</summary>
    public static IReadOnlyList<(string Part, double Microseconds)> Parts()
    {
        var proof = new CallProof(RandomNumberGenerator.GetBytes(32), TimeProvider.System);
        var target = Ids.NewUserId();
        return
        [
            ("ES256 signature (in issuing)", Time(() =>
            {
                var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                var data = RandomNumberGenerator.GetBytes(600);
                return () => key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            })),
            ("cluster call proof, made and checked (in a cluster-mode grain call only)", Time(() => () =>
                proof.Verify(proof.Create(target, "SessionService.Grains.Contracts.IUserGrain", "RefreshAsync"), target,
                    "SessionService.Grains.Contracts.IUserGrain", "RefreshAsync"))),
        ];
    }

    private static double Time(Func<Action> newOperation) => CpuCost.Microseconds(newOperation);

    private static PresentedRefreshToken Presented(RefreshSample sample)
    {
        RefreshToken.TryParse(sample.Token, out var parsed);
        return PresentedRefreshToken.Native(parsed, sample.Token);
    }

    /// <summary>What AuthApi.RefreshAsync reads: the JSON body's fields, the token and the client.</summary>
    private static Action ReadRequest(string token)
    {
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { refresh_token = token }));
        return () =>
        {
            var http = new DefaultHttpContext();
            http.Connection.RemoteIpAddress = IPAddress.Loopback;
            http.Request.ContentType = "application/json; charset=utf-8";
            http.Request.ContentLength = body.Length;
            http.Request.Body = new MemoryStream(body, writable: false);
            var fields = RequestFields.ReadAsync(http.Request, CancellationToken.None).GetAwaiter().GetResult();
            _ = http.RefreshToken(fields);
            _ = http.ClientInfo();
        };
    }

    /// <summary>What AuthApi.IssueAsync and SessionTokens do after issuing: metrics, cookie, headers, the JSON body.</summary>
    private static Action WriteResponse(RefreshSample sample)
    {
        var services = new ServiceCollection().AddSingleton(Options.Create(sample.Auth)).BuildServiceProvider();
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        var issued = sample.Issued;
        var accessToken = new string('a', 600);
        return () =>
        {
            var http = new DefaultHttpContext { RequestServices = services };
            ApiMetrics.RecordRefresh(RefreshOutcome.Success);
            http.SetRefreshCookie(issued.RefreshToken, issued.ExpiresAt);
            http.NoStore();
            JsonSerializer.SerializeToUtf8Bytes(new TokenResponse(accessToken, "Bearer", 600, issued.RefreshToken, 2_592_000, issued.Device,
                UserSummary.From(issued.User)), json);
        };
    }

    /// <summary>The node's issuer, over a P-256 key file instead of the key ring (the same signing path).</summary>
    private static AccessTokenIssuer NewIssuer(AuthOptions template)
    {
        var file = Path.GetTempFileName();
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            File.WriteAllText(file, key.ExportPkcs8PrivateKeyPem());
        }

        var auth = new AuthOptions { SigningKeyFiles = [file], RefreshReuseGrace = template.RefreshReuseGrace };
        var keys = new SigningKeys(null!, Options.Create(auth), new KeyProtector(new byte[32]));
        keys.ReloadAsync().GetAwaiter().GetResult();
        File.Delete(file);
        return new AccessTokenIssuer(keys, Options.Create(auth), TimeProvider.System);
    }
}
