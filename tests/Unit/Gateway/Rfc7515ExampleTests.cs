using System.Buffers.Text;
using System.Security.Cryptography;
using SessionService.Api.Gateway;
using SessionService.Api.Gateway.Verification;

namespace SessionService.Tests.Unit.Gateway;

/// <summary>
/// The example tokens of RFC 7515 Appendix A (A.1 HS256, A.2 RS256, A.3 ES256), signed by others and
/// verified here byte for byte; their claims (exp 1300819380, iss "joe") would fail the time checks,
/// so ClaimsToVerify is empty.
/// </summary>
public sealed class Rfc7515ExampleTests
{
    private const string Payload = "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";

    private const string A1Token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9." + Payload + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private const string A1Key = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";

    private const string A2Token = "eyJhbGciOiJSUzI1NiJ9." + Payload + "."
        + "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7"
        + "AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4"
        + "BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K"
        + "0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqv"
        + "hJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrB"
        + "p0igcN_IoypGlUPQGe77Rw";

    private const string A2Modulus =
        "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ";

    private const string A3Token = "eyJhbGciOiJFUzI1NiJ9." + Payload + ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
    private const string A3X = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
    private const string A3Y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";

    [Fact]
    public void A1_Hs256_Verifies()
    {
        var credential = Credential("HS256", Base64Url.DecodeFromChars(A1Key), null);

        AssertVerifies(credential, A1Token);
    }

    [Fact]
    public void A2_Rs256_Verifies()
    {
        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = Base64Url.DecodeFromChars(A2Modulus), Exponent = [1, 0, 1] });

        AssertVerifies(Credential("RS256", null, rsa.ExportSubjectPublicKeyInfoPem()), A2Token);
    }

    [Fact]
    public void A2_Rs256_Verifies_WithThePkcs1RsaPublicKeyPem()
    {
        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = Base64Url.DecodeFromChars(A2Modulus), Exponent = [1, 0, 1] });

        AssertVerifies(Credential("RS256", null, rsa.ExportRSAPublicKeyPem()), A2Token);
    }

    [Fact]
    public void A3_Es256_Verifies()
    {
        using var ec = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(A3X), Y = Base64Url.DecodeFromChars(A3Y) },
        });

        AssertVerifies(Credential("ES256", null, ec.ExportSubjectPublicKeyInfoPem()), A3Token);
    }

    [Fact]
    public void A1_WithTheTimeChecksOn_IsExpired()
    {
        var rig = new VerifierRig();
        rig.Credentials.Put(Credential("HS256", Base64Url.DecodeFromChars(A1Key), null));

        Assert.Equal(GatewayCodes.MissingClaim, rig.Verify(A1Token).Code);
        Assert.Equal("No mandatory 'nbf' in claims", rig.Verify(A1Token).Message);
        var expOnly = new VerifierRig(o => o.ClaimsToVerify = "exp");
        expOnly.Credentials.Put(Credential("HS256", Base64Url.DecodeFromChars(A1Key), null));
        Assert.Equal(GatewayCodes.ExpiredToken, expOnly.Verify(A1Token).Code);
    }

    private static void AssertVerifies(GatewayCredential credential, string token)
    {
        var rig = new VerifierRig(o => o.ClaimsToVerify = "");
        rig.Credentials.Put(credential);

        var verdict = rig.Verify(token);

        Assert.True(verdict.Succeeded, verdict.ToString());
        Assert.Same(credential, verdict.Credential);
        Assert.Equal(GatewayCodes.InvalidSignature, rig.Verify(Tokens.FlipSignatureByte(token)).Code);
    }

    private static GatewayCredential Credential(string algorithm, byte[]? secret, string? pem) =>
        new("rfc-credential", "joe", algorithm, new GatewayConsumer("rfc-consumer", "joe", null), secret, pem);
}
