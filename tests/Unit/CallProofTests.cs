using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using SessionService.Silo.ClusterSecret;

namespace SessionService.Tests.Unit;

public sealed class CallProofTests
{
    private const string Target = "user/5f0c";
    private const string Interface = "SessionService.Grains.Contracts.IUserGrain";
    private const string Method = "RefreshAsync";
    private const string Secret = "a-cluster-secret-of-at-least-32-bytes!";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public void Verify_Accepts_TheProofOfTheSameCall()
    {
        var proof = CallProof.FromSecret(Secret, _clock);

        Assert.True(proof.Verify(proof.Create(Target, Interface, Method), Target, Interface, Method));
    }

    [Theory]
    [InlineData("user/other", Interface, Method)]
    [InlineData(Target, "SessionService.Grains.Contracts.IKeyRingGrain", Method)]
    [InlineData(Target, Interface, "DeleteAsync")]
    public void Verify_Refuses_WhenTheCallDiffersFromTheProvenOne(string target, string @interface, string method)
    {
        var proof = CallProof.FromSecret(Secret, _clock);

        Assert.False(proof.Verify(proof.Create(Target, Interface, Method), target, @interface, method));
    }

    [Fact]
    public void Verify_Refuses_WhenMadeWithAnotherSecret()
    {
        var other = CallProof.FromSecret("another-cluster-secret-of-32-bytes-or-more", _clock);

        Assert.False(CallProof.FromSecret(Secret, _clock).Verify(other.Create(Target, Interface, Method), Target, Interface, Method));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Verify_Refuses_OneSecondPastTheClockSkew(bool verifierAhead)
    {
        Assert.False(VerifyAcrossClocks(CallProof.MaxClockSkew + TimeSpan.FromSeconds(1), verifierAhead));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Verify_Accepts_OneSecondInsideTheClockSkew(bool verifierAhead)
    {
        Assert.True(VerifyAcrossClocks(CallProof.MaxClockSkew - TimeSpan.FromSeconds(1), verifierAhead));
    }

    [Fact]
    public void Verify_Refuses_WhenTheTimeIsChangedToAFreshOne()
    {
        var proof = CallProof.FromSecret(Secret, _clock);
        var made = proof.Create(Target, Interface, Method);
        _clock.Advance(TimeSpan.FromMinutes(10));

        var fresh = _clock.GetUtcNow().ToUnixTimeMilliseconds() + made[made.IndexOf('.')..];

        Assert.False(proof.Verify(fresh, Target, Interface, Method));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("123")]
    [InlineData("-5.AAAA")]
    [InlineData("99999999999999999999.AAAA")]
    [InlineData("1.!!!")]
    public void Verify_Refuses_MalformedProofs(string? presented)
    {
        Assert.False(CallProof.FromSecret(Secret, _clock).Verify(presented, Target, Interface, Method));
    }

    [Fact]
    public void Verify_Refuses_ATruncatedOrExtendedMac()
    {
        var proof = CallProof.FromSecret(Secret, _clock);
        var made = proof.Create(Target, Interface, Method);

        Assert.False(proof.Verify(made[..^2], Target, Interface, Method));
        Assert.False(proof.Verify(made + "AA", Target, Interface, Method));
    }

    [Fact]
    public void TargetOf_IsTheSame_ForASystemTargetAddressedThroughAGatewayOrItsSilo()
    {
        var type = GrainType.Create("sys.svc.manifest");
        var throughGateway = SystemTargetGrainId.Create(type, SiloAddress.New(IPAddress.Loopback, 30000, 0)).GrainId;
        var onSilo = SystemTargetGrainId.Create(type, SiloAddress.New(IPAddress.Loopback, 11111, 154444801)).GrainId;

        Assert.Equal(CallProof.TargetOf(throughGateway), CallProof.TargetOf(onSilo));
    }

    [Fact]
    public void TargetOf_DiffersBetweenGrainsOfOneType()
    {
        Assert.NotEqual(CallProof.TargetOf(GrainId.Create("user", "a")), CallProof.TargetOf(GrainId.Create("user", "b")));
    }

    [Fact]
    public void Constructor_Refuses_AShortKey()
    {
        Assert.Throws<ArgumentException>(() => new CallProof(RandomNumberGenerator.GetBytes(16), _clock));
    }

    /// <summary>A proof made on one clock and checked on another that is <paramref name="apart"/> ahead or behind.</summary>
    private bool VerifyAcrossClocks(TimeSpan apart, bool verifierAhead)
    {
        var makerClock = new FakeTimeProvider(_clock.GetUtcNow());
        (verifierAhead ? _clock : makerClock).Advance(apart);
        var made = CallProof.FromSecret(Secret, makerClock).Create(Target, Interface, Method);

        return CallProof.FromSecret(Secret, _clock).Verify(made, Target, Interface, Method);
    }
}
