using System.Security.Cryptography;
using BwpOrders.Domain;
using BwpOrders.Domain.Events;
using Microsoft.IdentityModel.Tokens;

namespace BwpOrders.Server.Events.Sending;

/// <summary>
/// Signs webhook bodies (ECDSA over the raw bytes: P-384 with SHA-384, or P-256 with SHA-256 if keys are made with
/// Events:SigningCurve=P-256; base64 in <c>x-amzn-signature</c>, key id in <c>x-amzn-kid</c>) with the newest live
/// key, and publishes every live key at <c>/jwks.json</c>. Keys live in the store, so every process signs with the
/// same ones; a rotated-out key stays published until it is retired.
/// </summary>
public sealed class WebhookSigner(IEventStore store, TimeProvider clock, string curve = "P-384")
{
    private const string Live = "live";
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(2);
    // One load at a time, shared by the deliveries signing meanwhile; another process's rotation is seen within 2 s.
    private readonly ExpiringCache<string, IReadOnlyList<LiveKey>> _keys = new(clock, RefreshEvery, capacity: 1);

    public async Task<(string Kid, string Signature)> SignAsync(byte[] body, CancellationToken ct)
    {
        var key = (await KeysAsync(ct))[^1];
        return (key.Kid, Convert.ToBase64String(key.Ecdsa.SignData(body, key.Ecdsa.KeySize == 256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA384)));
    }

    /// <summary>The JSON Web Key Set of the live public keys.</summary>
    public async Task<object> JwksAsync(CancellationToken ct) => new
    {
        keys = (await KeysAsync(ct)).Select(k =>
        {
            var p = k.Ecdsa.ExportParameters(includePrivateParameters: false);
            var small = k.Ecdsa.KeySize == 256;
            return new { kty = "EC", crv = small ? "P-256" : "P-384", x = Base64UrlEncoder.Encode(p.Q.X!), y = Base64UrlEncoder.Encode(p.Q.Y!), kid = k.Kid, use = "sig", alg = small ? "ES256" : "ES384" };
        }),
    };

    /// <summary>Adds a new key, which signs from now on; the previous ones stay published until retired.</summary>
    public async Task<string> RotateAsync(CancellationToken ct)
    {
        using var ecdsa = ECDsa.Create(Curve(curve));
        var kid = "bwp-webhook-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        await store.AddSigningKeyAsync(new WebhookSigningKey(kid, ecdsa.ExportPkcs8PrivateKey(), Stamp(), null), ct);
        _keys.Clear();
        return kid;
    }

    /// <summary>The curve named by Events:SigningCurve (or <c>webhook-keys rotate --curve</c>).</summary>
    public static ECCurve Curve(string name) => name switch
    {
        "P-384" => ECCurve.NamedCurves.nistP384,
        "P-256" => ECCurve.NamedCurves.nistP256,
        _ => throw new ArgumentException($"Events:SigningCurve must be P-384 or P-256, not '{name}'."),
    };

    public async Task<bool> RetireAsync(string kid, CancellationToken ct)
    {
        var live = await store.ListSigningKeysAsync(ct);
        if (live.Count(k => k.RetiredAt is null) == 1 && live.Any(k => k.Kid == kid && k.RetiredAt is null))
            throw new InvalidOperationException($"Key {kid} is the only live key; rotate first, then retire it.");
        var retired = await store.RetireSigningKeyAsync(kid, Stamp(), ct);
        _keys.Clear();
        return retired;
    }

    private Task<IReadOnlyList<LiveKey>> KeysAsync(CancellationToken ct) => _keys.GetSharedAsync(Live, LoadKeysAsync, ct);

    /// <summary>The live keys, made if there are none. Shared by every caller, so no one caller's token cancels it; the store bounds its time.</summary>
    private async Task<(IReadOnlyList<LiveKey>, DateTimeOffset)> LoadKeysAsync()
    {
        var ct = CancellationToken.None;
        var stored = (await store.ListSigningKeysAsync(ct)).Where(k => k.RetiredAt is null).ToList();
        if (stored.Count == 0)
        {
            await RotateAsync(ct);
            stored = (await store.ListSigningKeysAsync(ct)).Where(k => k.RetiredAt is null).ToList();
        }
        var keys = stored.Select(k =>
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(k.PrivateKey, out _);
            return new LiveKey(k.Kid, ecdsa);
        }).ToList();
        return (keys, clock.GetUtcNow() + RefreshEvery);
    }

    private string Stamp() => Timestamps.Format(clock.GetUtcNow());

    private sealed record LiveKey(string Kid, ECDsa Ecdsa);
}
