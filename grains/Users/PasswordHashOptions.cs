namespace SessionService.Grains.Users;

/// <summary>The "Passwords" configuration section. Checked by <see cref="PasswordHashOptionsValidator"/>.</summary>
public sealed class PasswordHashOptions
{
    public const string Section = "Passwords";
    public const int MinIterations = 100_000;

    /// <summary>PBKDF2 iterations; raising it upgrades each stored hash at its user's next successful login.</summary>
    public int Iterations { get; set; } = MinIterations;
}
