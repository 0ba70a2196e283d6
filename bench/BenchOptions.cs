namespace SessionService.Bench;

internal sealed record BenchOptions(string Scenario, Uri[] Nodes, int Sessions, int Seconds, int Tokens, string AdminUser, string AdminPassword, bool NodeOnly = false, bool StagesOnly = false)
{
    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("suite" or "costs" or "profile" or "gateway" or "hook" or "refresh" or "login-timing" or "memory"))
        {
            throw new ArgumentException("usage: suite | costs | profile | gateway | hook | memory | refresh --nodes URL[,URL] | login-timing --nodes URL  [--sessions N] [--seconds S] [--tokens N] [--node-only | --stages-only]");
        }

        string Value(string name, string fallback) =>
            Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

        return new BenchOptions(
            args[0],
            Value("--nodes", "http://127.0.0.1:5000").Split(',').Select(u => new Uri(u)).ToArray(),
            int.Parse(Value("--sessions", "16")),
            int.Parse(Value("--seconds", "10")),
            int.Parse(Value("--tokens", "10000")),
            Environment.GetEnvironmentVariable("Admin__Username") ?? "root-admin",
            Environment.GetEnvironmentVariable("Admin__Password") ?? "Adm1n-Pa55word-Long!",
            args.Contains("--node-only"),
            args.Contains("--stages-only"));
    }
}
