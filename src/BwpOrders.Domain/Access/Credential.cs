namespace BwpOrders.Domain.Access;

/// <summary>An API credential: a client id and hashed secret that act for one target with some scopes.</summary>
public sealed record Credential(
    string ClientId,
    string TargetId,
    IReadOnlyList<string> Scopes,
    string SecretHash,
    string CreatedAt,
    string? RevokedAt = null)
{
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>Credentials and the token-signing key, stored beside the orders.</summary>
public interface ICredentialStore
{
    Task AddAsync(Credential credential, CancellationToken ct = default);
    Task<Credential?> FindAsync(string clientId, CancellationToken ct = default);
    Task<IReadOnlyList<Credential>> ListAsync(CancellationToken ct = default);
    /// <returns>False when no such (unrevoked) credential exists.</returns>
    Task<bool> RevokeAsync(string clientId, string revokedAt, CancellationToken ct = default);

    /// <summary>
    /// The key every server process signs tokens with; created once, on first use. With a <paramref name="sealer"/>
    /// (a configured secrets key) it is stored sealed, and a key stored plain before is sealed in place.
    /// </summary>
    /// <exception cref="ArgumentException">The key is sealed, and <paramref name="sealer"/> is missing or another key.</exception>
    Task<byte[]> GetOrCreateSigningKeyAsync(SecretBox? sealer, CancellationToken ct = default);

    /// <summary>
    /// The key that seals stored secrets (<see cref="SecretBox"/>) when none is configured: created once, kept in
    /// the store. A configured key (Secrets:Key) keeps the store's secrets unreadable from the store alone.
    /// </summary>
    Task<byte[]> GetOrCreateSecretsKeyAsync(CancellationToken ct = default);
}
