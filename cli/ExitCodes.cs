namespace SessionService.Cli;

/// <summary>What a script can tell apart by the exit status alone.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command line or the environment is wrong (unknown command, bad option, no token); nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The service refused the request (HTTP 4xx); its error code is on standard error.</summary>
    public const int Refused = 3;

    /// <summary>The service could not answer: unreachable, timed out, 5xx (503 included).</summary>
    public const int Unavailable = 4;
}
