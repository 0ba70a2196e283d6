using System.Net;
using SessionService.Grains;

namespace SessionService.Tests.Unit;

/// <summary>An IPv6 client usually holds a whole /64, so rate limits count per /64, not per address.</summary>
public sealed class ClientPartitionTests
{
    private static string Key(string address) => ClientPartition.Of(IPAddress.Parse(address));

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:8000::")]
    [InlineData("fe80::1%3", "fe80::2")]
    public void Of_IsTheSame_WithinOneIpv6Slash64(string a, string b) => Assert.Equal(Key(a), Key(b));

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:1::1")]
    [InlineData("2001:db8::1", "2002:db8::1")]
    public void Of_Differs_AcrossIpv6Slash64s(string a, string b) => Assert.NotEqual(Key(a), Key(b));

    [Fact]
    public void Of_IsPerAddress_ForIpv4()
    {
        Assert.Equal(Key("192.0.2.1"), Key("192.0.2.1"));
        Assert.NotEqual(Key("192.0.2.1"), Key("192.0.2.2"));
    }

    [Fact]
    public void Of_TreatsIpv4MappedIpv6AsIpv4()
    {
        Assert.Equal(Key("192.0.2.1"), Key("::ffff:192.0.2.1"));
        Assert.NotEqual(Key("::ffff:192.0.2.1"), Key("::ffff:192.0.2.2"));
    }

    [Fact]
    public void Of_HasOneKey_ForAnUnknownAddress() => Assert.Equal(ClientPartition.Of((IPAddress?)null), ClientPartition.Of((IPAddress?)null));
}
