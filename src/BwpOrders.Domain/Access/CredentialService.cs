using System.Security.Cryptography;
using BwpOrders.Domain.Rules;

namespace BwpOrders.Domain.Access;

/// <summary>A newly created credential with its secret, which exists in clear only in this value.</summary>
public sealed record IssuedCredential(Credential Credential, string ClientSecret);

public sealed class CredentialService(ICredentialStore store, TimeProvider clock)
{
    // Verifying against this when the client is unknown makes a miss cost the same as a wrong secret.
    private static readonly string DecoyHash = SecretHasher.Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    /// <summary>
    /// A fresh target for a test, with an all-scopes credential (<c>POST /control/v1/targets</c>, <c>targets create</c>). Its id
    /// is random even under <c>--seed</c>: a fresh target must never be one an earlier run on the same store made.
    /// </summary>
    public Task<IssuedCredential> CreateTestTargetAsync(CancellationToken ct = default) =>
        CreateAsync("bp-test-" + Rules.IdSource.Random.ItemId(), Scopes.All, ct);

    public async Task<IssuedCredential> CreateAsync(string targetId, IReadOnlyList<string> scopes, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(targetId) || targetId.Length > 128 || targetId.Any(char.IsControl))
            throw new ArgumentException("The target id must be 1-128 printable characters.");
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32)); // 256 bits
        var credential = new Credential(
            "bwp-client-" + IdSource.Random.ItemId() + IdSource.Random.ItemId(), // random even under --seed: it names a credential
            targetId,
            scopes,
            SecretHasher.Hash(secret),
            Timestamps.Format(clock.GetUtcNow()));
        await store.AddAsync(credential, ct);
        return new IssuedCredential(credential, secret);
    }

    /// <returns>The credential when the id and secret match an unrevoked credential; otherwise null.</returns>
    public async Task<Credential?> AuthenticateAsync(string clientId, string clientSecret, CancellationToken ct = default)
    {
        var credential = clientId.Length is > 0 and <= 200 ? await store.FindAsync(clientId, ct) : null;
        var matches = SecretHasher.Verify(clientSecret, credential?.SecretHash ?? DecoyHash);
        return matches && credential is { IsRevoked: false } ? credential : null;
    }

    public Task<bool> RevokeAsync(string clientId, CancellationToken ct = default) =>
        store.RevokeAsync(clientId, Timestamps.Format(clock.GetUtcNow()), ct);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
