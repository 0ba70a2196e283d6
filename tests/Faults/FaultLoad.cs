using System.Diagnostics;
using System.Net;
using System.Text.Json;
using SessionService.Tests.Support;

namespace SessionService.Tests.Faults;

/// <summary>
/// The load every fault test runs: a few virtual clients, each with its own user, refreshing its
/// session over and over and, after <see cref="VirtualClient.SessionLength"/> refreshes, logging out
/// and in again, the requests spread over every API node. Half the clients keep short sessions, so
/// logouts happen during a fault; half keep long ones, so a session is still mid-rotation when the
/// fault clears (a login writes the user's whole state and would cover up a rotation lost before it). A client that gets no definite answer (503, no
/// answer) retries the same request after a short pause, as a real client would: retrying a refresh
/// with the same token is safe inside the grace window. Every answer is counted in <see cref="Counts"/>.
/// </summary>
public sealed class FaultLoad : IAsyncDisposable
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan FinishPatience = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http = new() { Timeout = ClientTimeout };
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _probeUsers;
    private Uri[] _nodes;
    private Task[] _workers = [];
    private int _turn;

    private FaultLoad(Uri[] nodes, List<VirtualClient> clients, List<string> probeUsers)
    {
        _nodes = nodes;
        Clients = clients;
        _probeUsers = probeUsers;
    }

    public IReadOnlyList<VirtualClient> Clients { get; }
    public LoadCounts Counts { get; } = new();
    public IReadOnlyList<Uri> Nodes => Volatile.Read(ref _nodes);

    /// <summary>Creates the users (and one spare user per node for the recovery probe), logs every client in and starts the load.</summary>
    public static async Task<FaultLoad> StartAsync(IReadOnlyList<Uri> nodes, int clients = 8)
    {
        using var admin = new HttpClient { BaseAddress = nodes[0] };
        var users = new List<string>();
        var adminToken = await admin.AdminTokenAsync();
        for (var i = 0; i < clients + nodes.Count; i++)
        {
            users.Add((await admin.NewUserAsAsync(adminToken)).Name);
        }

        var load = new FaultLoad([.. nodes], users.Take(clients).Select((name, i) => new VirtualClient(i, name, i % 2 == 0 ? 6 : 60)).ToList(), users.Skip(clients).ToList());
        foreach (var client in load.Clients)
        {
            var login = await admin.LoginOkAsync(client.Username);
            client.StartSession(login.Str("access_token"), login.Str("refresh_token"));
        }

        load._workers = load.Clients.Select(client => Task.Run(() => load.RunAsync(client))).ToArray();
        return load;
    }

    /// <summary>Sends the load to these nodes from now on (a node restarted on another address).</summary>
    public void UseNodes(IReadOnlyList<Uri> nodes) => Volatile.Write(ref _nodes, [.. nodes]);

    /// <summary>Waits until every client had <paramref name="refreshes"/> more refreshes answered 200.</summary>
    public async Task UntilEachClientRefreshedAsync(int refreshes, TimeSpan patience)
    {
        var targets = Clients.Select(c => c.Refreshes + refreshes).ToArray();
        var watch = Stopwatch.StartNew();
        while (Clients.Any(c => c.Refreshes < targets[c.Number]))
        {
            Assert.True(watch.Elapsed < patience,
                $"the load did not make progress: some client had fewer than {refreshes} refreshes answered 200 in {patience.TotalSeconds} s; violations so far: {string.Join(" | ", Counts.Violations.Take(5))}");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// The clients with short sessions log out at their next request: called when a fault starts, so
    /// logouts meet the fault (and, failing, are retried until answered) whatever their schedule.
    /// </summary>
    public void LogOutShortSessionsNow()
    {
        foreach (var client in Clients.Where(c => c.SessionLength < 10))
        {
            client.LogoutRequested = true;
        }
    }

    /// <summary>Waits until <paramref name="logouts"/> more logouts were answered 204.</summary>
    public async Task UntilLoggedOutAsync(int logouts, TimeSpan patience)
    {
        var target = Clients.Sum(c => c.LoggedOutAccessTokens.Count) + logouts;
        var watch = Stopwatch.StartNew();
        while (Clients.Sum(c => c.LoggedOutAccessTokens.Count) < target)
        {
            Assert.True(watch.Elapsed < patience, $"fewer than {logouts} logouts were answered 204 in {patience.TotalSeconds} s");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until some request got a 5xx (the fault reached the requests), failing after <paramref name="patience"/>.</summary>
    public async Task UntilServerErrorAsync(string fault, TimeSpan patience)
    {
        var before = Counts.ServerErrors;
        var watch = Stopwatch.StartNew();
        while (Counts.ServerErrors == before)
        {
            Assert.True(watch.Elapsed < patience, $"{fault}: no request failed in {patience.TotalSeconds} s, so the fault did not bite");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// A new login and a refresh of its token on every node, retried until both answer 200: the time it
    /// took, from <paramref name="since"/>, is how long the service needed to recover by itself.
    /// </summary>
    public async Task<TimeSpan> MeasureRecoveryAsync(Stopwatch since, TimeSpan patience)
    {
        var nodes = Nodes;
        for (var i = 0; i < nodes.Count; i++)
        {
            while (!await LoginAndRefreshAsync(nodes[i], _probeUsers[i]))
            {
                Assert.True(since.Elapsed < patience, $"the service did not recover by itself: no login + refresh on {nodes[i]} in {patience.TotalSeconds} s");
                await Task.Delay(RetryPause);
            }
        }

        return since.Elapsed;
    }

    /// <summary>
    /// Asks the clients to stop: each sends no new request once its last one got a definite answer and
    /// it has a session. Asked just before a fault is cleared, so that no write after the fault can
    /// cover up a write lost during it.
    /// </summary>
    public void RequestStop() => _stop.Cancel();

    /// <summary>Stops the clients (see <see cref="RequestStop"/>) and waits until they have.</summary>
    public async Task StopAsync()
    {
        RequestStop();
        await Task.WhenAll(_workers);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task<bool> LoginAndRefreshAsync(Uri node, string username)
    {
        var login = await SendAsync(node, HttpMethod.Post, "/auth/token", new { username, password = ApiCalls.Password });
        if (login?.Status != HttpStatusCode.OK)
        {
            return false;
        }

        var refresh = await SendAsync(node, HttpMethod.Post, "/auth/refresh", new { refresh_token = login.Value.Json.Str("refresh_token") });
        return refresh?.Status == HttpStatusCode.OK;
    }

    /// <summary>
    /// One client's loop; it only ever sends requests that must succeed, so any 4xx is a broken promise.
    /// Once asked to stop, it still retries a request that got no definite answer (503, none), and
    /// logs in when logged out, for up to <see cref="FinishPatience"/>: every client then ends with a
    /// session and knows the outcome of its last request, so its last refresh answered 200 may well
    /// be a retry answered just after the fault cleared, the case a lost write would show in.
    /// </summary>
    private async Task RunAsync(VirtualClient client)
    {
        var unsettled = false;
        Stopwatch? finishing = null;
        while (!_stop.IsCancellationRequested
            || ((unsettled || client.AccessToken is null) && (finishing ??= Stopwatch.StartNew()).Elapsed < FinishPatience))
        {
            var node = NextNode();
            var answer = client.AccessToken is null ? await LoginAsync(client, node)
                : client.LogoutRequested || (client.Chain.Count > client.SessionLength && !_stop.IsCancellationRequested) ? await LogoutAsync(client, node)
                : await RefreshAsync(client, node);
            unsettled = answer is null || answer.Value.Status >= HttpStatusCode.InternalServerError;
            if (unsettled)
            {
                await Task.Delay(RetryPause);
            }
        }
    }

    private async Task<Answer?> LoginAsync(VirtualClient client, Uri node)
    {
        var answer = await SendAsync(node, HttpMethod.Post, "/auth/token", new { username = client.Username, password = ApiCalls.Password });
        if (answer?.Status == HttpStatusCode.OK)
        {
            client.StartSession(answer.Value.Json.Str("access_token"), answer.Value.Json.Str("refresh_token"));
            client.LastAnsweredBy = node.Authority;
        }
        else if (answer?.Status < HttpStatusCode.InternalServerError)
        {
            Counts.Violate($"client {client.Number}: login answered {(int)answer.Value.Status} {answer.Value.Code}");
        }

        return answer;
    }

    private async Task<Answer?> RefreshAsync(VirtualClient client, Uri node)
    {
        var answer = await SendAsync(node, HttpMethod.Post, "/auth/refresh", new { refresh_token = client.Chain[^1] });
        if (answer?.Status == HttpStatusCode.OK)
        {
            client.Chain.Add(answer.Value.Json.Str("refresh_token"));
            client.AccessToken = answer.Value.Json.Str("access_token");
            client.Refreshes++;
            client.LastAnsweredBy = node.Authority;
        }
        else if (answer?.Status < HttpStatusCode.InternalServerError)
        {
            var origin = client.Chain.Count == 1 ? "a login" : $"refresh {client.Chain.Count - 1} of its session";
            Counts.Violate($"client {client.Number}: its last refresh token, from {origin} answered 200 by {client.LastAnsweredBy}, was refused by {node.Authority}: {(int)answer.Value.Status} {answer.Value.Code}");
            client.Chain.Clear();
            client.AccessToken = null; // the session is lost; log in again
        }

        return answer;
    }

    private async Task<Answer?> LogoutAsync(VirtualClient client, Uri node)
    {
        var answer = await SendAsync(node, HttpMethod.Post, "/auth/logout", bearer: client.AccessToken);
        if (answer?.Status == HttpStatusCode.NoContent)
        {
            client.EndSession();
        }
        else if (answer?.Status < HttpStatusCode.InternalServerError)
        {
            Counts.Violate($"client {client.Number}: logout answered {(int)answer.Value.Status} {answer.Value.Code}");
            client.EndSession();
        }

        return answer;
    }

    private Uri NextNode()
    {
        var nodes = Nodes;
        return nodes[(int)((uint)Interlocked.Increment(ref _turn) % nodes.Count)];
    }

    private async Task<Answer?> SendAsync(Uri node, HttpMethod method, string path, object? body = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(node, path));
        if (body is not null)
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(body);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        try
        {
            using var response = await _http.SendAsync(request);
            var text = await Counts.RecordAsync($"{method} {path} on {node.Authority}", response);
            var json = text.Length > 0 && text[0] == '{' ? JsonDocument.Parse(text).RootElement.Clone() : default;
            var code = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("code", out var c) ? c.GetString() : null;
            return new Answer(response.StatusCode, json, code);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Counts.RecordNoAnswer();
            return null;
        }
    }

    private readonly record struct Answer(HttpStatusCode Status, JsonElement Json, string? Code);
}
