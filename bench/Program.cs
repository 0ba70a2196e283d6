using SessionService.Bench;

// Load generator. Scenarios:
//   suite [--seconds 10] [--tokens 10000]
//     starts an embedded node from the Release build (dotnet build -c Release api first) in a temp
//     directory and measures, in one run: a trivial endpoint, validate (same token; 10k distinct
//     tokens), a grain read (GET /auth/sessions), refresh (distinct sessions, each chaining its own
//     token) and login, all once to warm up and then again measured; prints req/s, p50/p99 and each
//     figure as a ratio to the trivial endpoint, the core time per request, and the cost of one
//     signature check, one signature and one password hash measured alone.
//     Then the gateway on a second embedded node (see gateway), then the claims hook (see hook).
//   costs [--seconds 10] [--node-only | --stages-only]
//     the refresh cost table of docs/PERFORMANCE.md: an embedded node's own CPU per request under load
//     (trivial, validate, grain read, refresh), the refresh stages that need no server timed alone
//     in-process, a storage write through an in-process silo; their sum against the node's total.
//     --node-only: the node's figures alone (with BENCH_NODE_ENV, to compare runtime settings);
//     --stages-only: the in-process stages alone (before/after a change to one of them).
//   profile [--seconds 10]
//     perf record on an embedded node under the 16-session refresh load, after a warm-up: the node's CPU
//     per refresh split by stage (needs perf; see docs/PERFORMANCE.md).
//   hook [--seconds 10]
//     refresh on an embedded node with a claims hook (in the bench process) against one without.
//   gateway [--seconds 10] [--tokens 10000]
//     the gateway alone, on an embedded node with a proxy route to a Kestrel upstream in the bench:
//     /gateway/verify with a repeated and with distinct HS256 and ES256 consumer tokens (distinct
//     ones against trivial + one verification alone), and the upstream directly vs through the proxy.
//   refresh --nodes URL[,URL] [--sessions 16] [--seconds 10]
//     against running nodes (rate limit off, Admin__Username/Admin__Password as the nodes got them).
//   login-timing --nodes URL
//     median of 20 failed logins for unknown names vs. existing users, interleaved.
//   memory
//     managed memory per idle device session in user-grain state (100k sessions, built in-process),
//     then a running embedded node's resident memory per active session (100k sessions),
//     and the same after its idle grains are collected.
var options = BenchOptions.Parse(args);
switch (options.Scenario)
{
    case "suite":
        await Suite.RunAsync(options);
        await GatewaySuite.RunAsync(options);
        await ClaimsHookSuite.RunAsync(options);
        break;
    case "hook":
        await ClaimsHookSuite.RunAsync(options);
        break;
    case "costs":
        await CostTable.RunAsync(options);
        break;
    case "profile":
        await PerfSplit.RunAsync(options);
        break;
    case "gateway":
        await GatewaySuite.RunAsync(options);
        break;
    case "memory":
        SessionMemory.Run();
        await NodeMemory.RunAsync();
        break;
    case "login-timing":
        await LoginTiming.RunAsync(options.Nodes[0], (await Api.LoginAsync(options.Nodes[0], options.AdminUser, options.AdminPassword)).AccessToken);
        break;
    default:
        var admin = await Api.LoginAsync(options.Nodes[0], options.AdminUser, options.AdminPassword);
        var tokens = await Api.NewSessionsAsync(options.Nodes[0], admin.AccessToken, options.Sessions);
        var figures = await Load.RefreshAsync(options.Nodes, tokens, TimeSpan.FromSeconds(options.Seconds));
        Console.WriteLine($"refresh: nodes={options.Nodes.Length} sessions={options.Sessions} seconds={options.Seconds}");
        figures.Print(baseline: null);
        break;
}
