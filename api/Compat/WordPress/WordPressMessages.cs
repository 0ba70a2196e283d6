namespace SessionService.Api.Compat.WordPress;

/// <summary>The WordPress JWT Auth plugin's (and WordPress core's) messages, word for word: its clients may match on them.</summary>
public static class WordPressMessages
{
    public const string ObsoleteRefreshToken = "Refresh token is obsolete";
    public const string ExpiredRefreshToken = "Refresh token has expired";
    public const string InvalidRefreshToken = "Invalid refresh token";
    public const string InvalidJson = "Invalid JSON body passed.";
    public const string MissingCredentials = "Username and password are required";
    public const string CustomAuthFailed = "Custom authentication failed.";
    public const string EmptyUsername = "Error: The username field is empty.";
    public const string EmptyPassword = "Error: The password field is empty.";
    public const string InvalidEmail = "Unknown email address. Check again or try your username.";
    public const string NoAuthHeader = "Authorization header not found.";
    public const string BadAuthHeader = "Authorization header malformed.";
    public const string InvalidToken = "Signature verification failed";
    public const string BadIssuer = "The iss do not match with this server.";
    public const string NoUserId = "User ID not found in the token.";
    public const string ObsoleteToken = "Token is obsolete";

    public static string InvalidUsername(string username) =>
        $"Error: The username {username} is not registered on this site. If you are unsure of your username, try your email address instead.";

    public static string IncorrectPassword(string username) =>
        $"Error: The password you entered for the username {username} is incorrect. Lost your password?";

    public static string IncorrectPasswordForEmail(string email) =>
        $"Error: The password you entered for the email address {email} is incorrect. Lost your password?";
}
