using System.Security.Cryptography;
using System.Text.Json;
using BwpOrders.Domain.Access;

namespace BwpOrders.Storage.Relational;

public sealed class RelationalCredentialStore(RelationalDatabase db) : ICredentialStore
{
    private const string Columns = "client_id, target_id, scopes, secret_hash, created_at, revoked_at";

    public Task AddAsync(Credential credential, CancellationToken ct = default) => db.RetryTransientAsync(async attempt =>
    {
        await using var connection = await db.OpenAsync(attempt);
        return await Sql.Exec(connection, null, $"INSERT INTO credentials ({Columns}) VALUES (@id, @t, @s, @h, @c, NULL)", attempt,
            ("@id", credential.ClientId), ("@t", credential.TargetId), ("@s", JsonSerializer.Serialize(credential.Scopes)),
            ("@h", credential.SecretHash), ("@c", credential.CreatedAt));
    }, ct);

    public async Task<Credential?> FindAsync(string clientId, CancellationToken ct = default) =>
        (await Query($"SELECT {Columns} FROM credentials WHERE client_id = @id", ct, ("@id", clientId))).FirstOrDefault();

    public async Task<IReadOnlyList<Credential>> ListAsync(CancellationToken ct = default) =>
        await Query($"SELECT {Columns} FROM credentials ORDER BY created_at, client_id", ct);

    public Task<bool> RevokeAsync(string clientId, string revokedAt, CancellationToken ct = default) => db.RetryTransientAsync(async attempt =>
    {
        await using var connection = await db.OpenAsync(attempt);
        return await Sql.Exec(connection, null, "UPDATE credentials SET revoked_at = @at WHERE client_id = @id AND revoked_at IS NULL", attempt,
            ("@id", clientId), ("@at", revokedAt)) == 1;
    }, ct);

    public async Task<byte[]> GetOrCreateSigningKeyAsync(SecretBox? sealer, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var created = RandomNumberGenerator.GetBytes(64);
        // ON CONFLICT DO NOTHING keeps the first key when several processes start at once.
        await Sql.Exec(connection, null, "INSERT INTO signing_keys (id, key, created_at, sealed) VALUES (1, @k, @at, @s) ON CONFLICT DO NOTHING", ct,
            ("@k", sealer?.Seal(created) ?? created), ("@at", DateTimeOffset.UtcNow.ToString("O")), ("@s", sealer is null ? 0 : 1));
        var (stored, isSealed) = await ReadSigningKey(connection, ct);
        if (!isSealed)
        {
            // A store from before Secrets:Key was set: sealed now, in place (the key itself does not change, nor do tokens).
            if (sealer is not null)
                await Sql.Exec(connection, null, "UPDATE signing_keys SET key = @k, sealed = 1 WHERE id = 1 AND sealed = 0", ct, ("@k", sealer.Seal(stored)));
            return stored;
        }
        if (sealer is null)
            throw new ArgumentException("The store's token signing key is sealed with a secrets key: set Secrets:Key (Secrets__Key) to the one it was sealed with.");
        try
        {
            return sealer.Open(stored);
        }
        catch (CryptographicException)
        {
            throw new ArgumentException("Secrets:Key is not the key the store's token signing key was sealed with.");
        }
    }

    private static async Task<(byte[] Key, bool Sealed)> ReadSigningKey(System.Data.Common.DbConnection connection, CancellationToken ct)
    {
        await using var command = Sql.Command(connection, null, "SELECT key, sealed FROM signing_keys WHERE id = 1", []);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return ((byte[])reader.GetValue(0), Convert.ToInt64(reader.GetValue(1)) != 0);
    }

    public async Task<byte[]> GetOrCreateSecretsKeyAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await Sql.Exec(connection, null, "INSERT INTO secret_keys (id, key, created_at) VALUES (1, @k, @at) ON CONFLICT DO NOTHING", ct,
            ("@k", RandomNumberGenerator.GetBytes(32)), ("@at", DateTimeOffset.UtcNow.ToString("O")));
        return (byte[])(await Sql.Scalar(connection, null, "SELECT key FROM secret_keys WHERE id = 1", ct))!;
    }

    private Task<List<Credential>> Query(string sql, CancellationToken ct, params (string Name, object Value)[] parameters) => db.RetryTransientAsync(async attempt =>
    {
        await using var connection = await db.OpenAsync(attempt);
        await using var command = Sql.Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(attempt);
        var credentials = new List<Credential>();
        while (await reader.ReadAsync(attempt))
            credentials.Add(new Credential(
                reader.GetString(0), reader.GetString(1), JsonSerializer.Deserialize<List<string>>(reader.GetString(2))!,
                reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        return credentials;
    }, ct);
}
