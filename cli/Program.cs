namespace SessionService.Cli;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var environment = CliEnvironment.FromProcess();
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        return await SessionCtl.RunAsync(args, environment, cancel.Token);
    }
}
