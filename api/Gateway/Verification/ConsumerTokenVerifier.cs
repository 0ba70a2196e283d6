using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SessionService.Api.Tokens;
using SessionService.Grains;

namespace SessionService.Api.Gateway.Verification;

/// <summary>
/// Verifies a token signed by a registered consumer, in the contract's order: canonical compact JWS with
/// strict JSON, key claim, credential, <c>alg</c> pinned by the credential, signature, then <c>exp</c>,
/// <c>nbf</c> and the maximum expiration. A token verified before skips to the time checks, as long as
/// its key still finds the very same credential instance (a deleted or replaced credential is a miss).
/// </summary>
public sealed class ConsumerTokenVerifier
{
    /// <summary>Longer tokens are refused unread (a proxy's header limit is usually 8 to 16 KiB).</summary>
    public const int MaxTokenLength = 16 * 1024;

    private const int CacheCapacity = 10_000;

    private static readonly GatewayVerdict NoTokenVerdict = GatewayVerdict.Fail(GatewayCodes.NoToken, KongMessages.NoToken);
    private static readonly GatewayVerdict MultipleTokensVerdict = GatewayVerdict.Fail(GatewayCodes.MultipleTokens, KongMessages.MultipleTokens);
    private static readonly GatewayVerdict InvalidToken = GatewayVerdict.Fail(GatewayCodes.InvalidToken, KongMessages.InvalidToken);
    private static readonly GatewayVerdict InvalidAlgorithm = GatewayVerdict.Fail(GatewayCodes.InvalidAlgorithm, KongMessages.InvalidAlgorithm);
    private static readonly GatewayVerdict InvalidSignature = GatewayVerdict.Fail(GatewayCodes.InvalidSignature, KongMessages.InvalidSignature);
    private static readonly GatewayVerdict Expired = GatewayVerdict.Fail(GatewayCodes.ExpiredToken, KongMessages.TokenExpired);
    private static readonly GatewayVerdict NotYetValid = GatewayVerdict.Fail(GatewayCodes.TokenNotYetValid, KongMessages.TokenNotValidYet);
    private static readonly GatewayVerdict ExpTooFar = GatewayVerdict.Fail(GatewayCodes.ExpTooFar, KongMessages.ExpTooFar);

    private readonly IGatewayCredentials _credentials;
    private readonly TimeProvider _clock;
    private readonly VerifiedConsumerTokens _verified = new(CacheCapacity);
    private readonly string _keyClaim;
    private readonly string[] _timeClaims;
    private readonly long _skew;
    private readonly long _maximumExpiration;
    private readonly GatewayVerdict _noKeyClaim;
    private readonly GatewayVerdict _invalidKeyClaim;
    private readonly GatewayVerdict _noCredentials;

    public ConsumerTokenVerifier(
        IGatewayCredentials credentials,
        IOptions<GatewayOptions> options,
        [FromKeyedServices(SessionClock.Key)] TimeProvider clock)
    {
        var gateway = options.Value;
        _credentials = credentials;
        _clock = clock;
        _keyClaim = gateway.KeyClaimName;
        _skew = gateway.ClockSkew;
        _maximumExpiration = gateway.MaximumExpiration;

        // The maximum expiration is measured on exp, so it needs exp read (Kong refuses a token without one).
        var timeClaims = gateway.ClaimsToVerifyList.Where(c => c is "exp" or "nbf").ToList();
        if (_maximumExpiration > 0 && !timeClaims.Contains("exp"))
        {
            timeClaims.Add("exp");
        }

        _timeClaims = [.. timeClaims.Distinct()];
        _noKeyClaim = GatewayVerdict.Fail(GatewayCodes.MissingClaim, KongMessages.MissingClaim(_keyClaim));
        _invalidKeyClaim = GatewayVerdict.Fail(GatewayCodes.MissingClaim, KongMessages.InvalidKeyClaim(_keyClaim));
        _noCredentials = GatewayVerdict.Fail(GatewayCodes.NoCredentials, KongMessages.NoCredentials(_keyClaim));
    }

    /// <summary>The verdict on what <see cref="GatewayTokenLocator"/> found: <c>no_token</c>, <c>multiple_tokens</c>, or the token's.</summary>
    public GatewayVerdict Verify(TokenSearch search) => search.Outcome switch
    {
        TokenSearchOutcome.Found when search.Token is not null => Verify(search.Token),
        TokenSearchOutcome.MultipleTokens => MultipleTokensVerdict,
        _ => NoTokenVerdict,
    };

    public GatewayVerdict Verify(string token)
    {
        if (_verified.TryGet(token, out var known) && ReferenceEquals(_credentials.FindByKey(known.Key), known.Credential))
        {
            return CheckTimes(known);
        }

        if (!TryVerifyUnseen(token, out var verified, out var rejection))
        {
            return rejection;
        }

        var verdict = CheckTimes(verified);
        if (verdict.Succeeded)
        {
            _verified.Verified(token, verified);
        }

        return verdict;
    }

    /// <summary>Everything but the times: what never changes for a token string while its credential stays.</summary>
    private bool TryVerifyUnseen(
        string token,
        [NotNullWhen(true)] out VerifiedConsumerToken? verified,
        [NotNullWhen(false)] out GatewayVerdict? rejection)
    {
        rejection = Check(token, out verified);
        if (verified is null)
        {
            rejection ??= InvalidToken;
            return false;
        }

        return true;
    }

    private GatewayVerdict? Check(string token, out VerifiedConsumerToken? verified)
    {
        verified = null;
        if (!CompactJws.IsCanonical(token, MaxTokenLength))
        {
            return InvalidToken;
        }

        var firstDot = token.IndexOf('.');
        var secondDot = token.IndexOf('.', firstDot + 1);
        if (CompactJws.ReadObject(token.AsSpan(0, firstDot)) is not { } header
            || CompactJws.ReadObject(token.AsSpan(firstDot + 1, secondDot - firstDot - 1)) is not { } claims)
        {
            return InvalidToken;
        }

        if (!claims.TryGetProperty(_keyClaim, out var keyValue) && !header.TryGetProperty(_keyClaim, out keyValue))
        {
            return _noKeyClaim;
        }

        if (keyValue.ValueKind != JsonValueKind.String || keyValue.GetString() is not { Length: > 0 } key)
        {
            return _invalidKeyClaim;
        }

        if (_credentials.FindByKey(key) is not { } credential)
        {
            return _noCredentials;
        }

        if (!header.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || !alg.ValueEquals(credential.Algorithm))
        {
            return InvalidAlgorithm;
        }

        if (!SignatureHolds(token, secondDot, credential))
        {
            return InvalidSignature;
        }

        var exp = double.NaN;
        var nbf = double.NaN;
        foreach (var name in _timeClaims)
        {
            if (ReadTime(claims, name, out var value) is { } badClaim)
            {
                return badClaim;
            }

            if (name == "exp")
            {
                exp = value;
            }
            else
            {
                nbf = value;
            }
        }

        verified = new(credential, key, exp, nbf, GatewayVerdict.Pass(credential));
        return null;
    }

    private static bool SignatureHolds(string token, int secondDot, GatewayCredential credential)
    {
        // The token is canonical base64url, so ASCII, and its signature segment decodes.
        var signingInput = Encoding.ASCII.GetBytes(token, 0, secondDot);
        var signature = Base64Url.DecodeFromChars(token.AsSpan(secondDot + 1));
        return ConsumerSignatures.For(credential).Verify(signingInput, signature);
    }

    private static GatewayVerdict? ReadTime(JsonElement claims, string name, out double value)
    {
        value = double.NaN;
        if (!claims.TryGetProperty(name, out var claim))
        {
            return GatewayVerdict.Fail(GatewayCodes.MissingClaim, KongMessages.MissingClaim(name));
        }

        // 1e400 reads as infinity, an exp that never comes.
        return claim.ValueKind == JsonValueKind.Number && claim.TryGetDouble(out value) && double.IsFinite(value)
            ? null
            : GatewayVerdict.Fail(GatewayCodes.InvalidClaim, KongMessages.NotANumber(name));
    }

    /// <summary>Kong's bounds, widened by the leeway: expired once <c>exp &lt;= now</c>, not yet valid while <c>nbf &gt; now</c>.</summary>
    private GatewayVerdict CheckTimes(VerifiedConsumerToken token)
    {
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        if (token.Exp <= now - _skew)
        {
            return Expired;
        }

        if (token.Nbf > now + _skew)
        {
            return NotYetValid;
        }

        if (_maximumExpiration > 0 && token.Exp - now > _maximumExpiration)
        {
            return ExpTooFar;
        }

        return token.Passed;
    }
}
