using System.Data.Common;
using System.Text;
using System.Text.Json;
using BwpOrders.Domain;
using BwpOrders.Domain.Access;
using BwpOrders.Domain.Events;

namespace BwpOrders.Storage.Relational;

/// <summary>
/// Event subscriptions, auth profiles and webhook signing keys on a SQL engine. Destinations (which may hold
/// inline credentials), auth configurations and private keys are sealed with the secrets key before they are stored.
/// Delivery (fan-out, claims, attempts) is in the other half of this class.
/// </summary>
public sealed partial class RelationalEventStore(RelationalDatabase db, SecretBox secrets, TimeProvider clock) : IEventStore
{
    private const string SubscriptionColumns = "subscription_id, target_id, event_type, canonical_type, api_version, destination, created_at";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task AddSubscriptionAsync(EventSubscription s, CancellationToken ct = default) => db.RetryTransientAsync(async attempt =>
    {
        await using var connection = await db.OpenAsync(attempt);
        await using var tx = await db.BeginWriteAsync(connection, attempt);
        var name = (s.Destination as EventBridgeDestination)?.Name;
        if (name is not null && await Sql.Scalar(connection, tx, "SELECT COUNT(*) FROM event_subscriptions WHERE destination_name = @n", attempt, ("@n", name)) is not (0 or 0L))
            throw DestinationNameTaken(name);
        if (await Sql.Scalar(connection, tx, "SELECT subscription_id FROM event_subscriptions WHERE target_id = @t AND event_type = @e AND destination_key = @k", attempt,
                ("@t", s.TargetId), ("@e", s.EventType), ("@k", s.Destination.Key)) is string existing)
            throw SubscriptionTaken(s, existing);
        try
        {
            await Sql.Exec(connection, tx,
                $"INSERT INTO event_subscriptions ({SubscriptionColumns}, destination_key, destination_name) VALUES (@id, @t, @e, @c, @v, @d, @at, @k, @n)", attempt,
                ("@id", s.Id), ("@t", s.TargetId), ("@e", s.EventType), ("@c", s.CanonicalType), ("@v", s.ApiVersion),
                ("@d", Seal(s.Destination)), ("@at", s.CreatedAt), ("@k", s.Destination.Key), ("@n", (object?)name ?? DBNull.Value));
        }
        catch (Exception e) when (db.IsUniqueViolation(e))
        {
            // Another request took the same subscription or name between our checks and our insert.
            throw name is not null ? DestinationNameTaken(name) : SubscriptionTaken(s, null);
        }
        await tx.CommitAsync(attempt);
        return true;
    }, ct);

    public async Task<EventSubscription?> FindSubscriptionAsync(string subscriptionId, CancellationToken ct = default) =>
        (await QuerySubscriptions($"SELECT {SubscriptionColumns} FROM event_subscriptions WHERE subscription_id = @id", ct, ("@id", subscriptionId))).FirstOrDefault();

    public Task<bool> DeleteSubscriptionAsync(string targetId, string subscriptionId, string deletedAt, CancellationToken ct = default) => db.RetryTransientAsync(async attempt =>
    {
        await using var connection = await db.OpenAsync(attempt);
        await using var tx = await db.BeginWriteAsync(connection, attempt);
        var deleted = await Sql.Exec(connection, tx, "DELETE FROM event_subscriptions WHERE target_id = @t AND subscription_id = @id", attempt,
            ("@t", targetId), ("@id", subscriptionId)) == 1;
        // What was still on its way stops with the subscription (the log keeps why).
        await Sql.Exec(connection, tx, "UPDATE deliveries SET state = @failed, last_error = @why, lease_owner = NULL WHERE subscription_id = @id AND state = @pending", attempt,
            ("@failed", DeliveryStates.Failed), ("@why", $"subscription deleted at {deletedAt}"), ("@id", subscriptionId), ("@pending", DeliveryStates.Pending));
        await tx.CommitAsync(attempt);
        return deleted;
    }, ct);

    public async Task<(IReadOnlyList<EventSubscription> Page, int Total)> ListSubscriptionsAsync(string targetId, int skip, int first, CancellationToken ct = default)
    {
        var page = await QuerySubscriptions(
            $"SELECT {SubscriptionColumns} FROM event_subscriptions WHERE target_id = @t ORDER BY created_at, subscription_id LIMIT @n OFFSET @skip", ct,
            ("@t", targetId), ("@skip", skip), ("@n", first));
        var total = await db.RetryTransientAsync(async attempt =>
        {
            await using var connection = await db.OpenAsync(attempt);
            return Convert.ToInt32(await Sql.Scalar(connection, null, "SELECT COUNT(*) FROM event_subscriptions WHERE target_id = @t", attempt, ("@t", targetId)));
        }, ct);
        return (page, total);
    }

    public Task AddAuthProfileAsync(AuthProfile p, CancellationToken ct = default) => db.RetryTransientAsync(async attempt =>
    {
        await using var connection = await db.OpenAsync(attempt);
        try
        {
            await Sql.Exec(connection, null,
                "INSERT INTO auth_profiles (auth_profile_id, target_id, alias_id, config, created_at, updated_at) VALUES (@id, @t, @a, @c, @at, @at)", attempt,
                ("@id", p.Id), ("@t", p.TargetId), ("@a", (object?)p.AliasId ?? DBNull.Value), ("@c", Seal(p.Config)), ("@at", p.CreatedAt));
        }
        catch (Exception e) when (db.IsUniqueViolation(e))
        {
            throw BwpException.Validation(ErrorCodes.InvalidInput, $"input.authProfileAliasId: this target already has an auth profile with alias id '{p.AliasId}'.");
        }
        return true;
    }, ct);

    public Task<AuthProfile?> FindAuthProfileAsync(string targetId, string idOrAliasId, CancellationToken ct = default) => db.RetryTransientAsync(async attempt =>
    {
        await using var connection = await db.OpenAsync(attempt);
        await using var command = Sql.Command(connection, null,
            "SELECT auth_profile_id, alias_id, config, created_at, updated_at FROM auth_profiles WHERE target_id = @t AND auth_profile_id = @id",
            [("@t", targetId), ("@id", idOrAliasId)]);
        await using var reader = await command.ExecuteReaderAsync(attempt);
        if (!await reader.ReadAsync(attempt)) return null;
        return new AuthProfile(reader.GetString(0), targetId, reader.IsDBNull(1) ? null : reader.GetString(1),
            Open<AuthConfig>((byte[])reader.GetValue(2)), reader.GetString(3), reader.GetString(4));
    }, ct);

    public Task UpdateAuthProfileAsync(AuthProfile p, CancellationToken ct = default) => db.RetryTransientAsync(async attempt =>
    {
        await using var connection = await db.OpenAsync(attempt);
        return await Sql.Exec(connection, null, "UPDATE auth_profiles SET config = @c, updated_at = @at WHERE target_id = @t AND auth_profile_id = @id", attempt,
            ("@c", Seal(p.Config)), ("@at", p.UpdatedAt), ("@t", p.TargetId), ("@id", p.Id));
    }, ct);

    public Task<bool> DeleteAuthProfileAsync(string targetId, string authProfileId, CancellationToken ct = default) => db.RetryTransientAsync(async attempt =>
    {
        await using var connection = await db.OpenAsync(attempt);
        return await Sql.Exec(connection, null, "DELETE FROM auth_profiles WHERE target_id = @t AND auth_profile_id = @id", attempt, ("@t", targetId), ("@id", authProfileId)) == 1;
    }, ct);

    public Task<IReadOnlyList<WebhookSigningKey>> ListSigningKeysAsync(CancellationToken ct = default) => db.RetryTransientAsync<IReadOnlyList<WebhookSigningKey>>(async attempt =>
    {
        await using var connection = await db.OpenAsync(attempt);
        await using var command = Sql.Command(connection, null, "SELECT kid, private_key, created_at, retired_at FROM webhook_keys ORDER BY created_at, kid", []);
        await using var reader = await command.ExecuteReaderAsync(attempt);
        var keys = new List<WebhookSigningKey>();
        while (await reader.ReadAsync(attempt))
            keys.Add(new WebhookSigningKey(reader.GetString(0), secrets.Open((byte[])reader.GetValue(1)), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        return keys;
    }, ct);

    public Task AddSigningKeyAsync(WebhookSigningKey key, CancellationToken ct = default) => db.RetryTransientAsync(async attempt =>
    {
        await using var connection = await db.OpenAsync(attempt);
        return await Sql.Exec(connection, null, "INSERT INTO webhook_keys (kid, private_key, created_at) VALUES (@k, @p, @at)", attempt,
            ("@k", key.Kid), ("@p", secrets.Seal(key.PrivateKey)), ("@at", key.CreatedAt));
    }, ct);

    public Task<bool> RetireSigningKeyAsync(string kid, string retiredAt, CancellationToken ct = default) => db.RetryTransientAsync(async attempt =>
    {
        await using var connection = await db.OpenAsync(attempt);
        return await Sql.Exec(connection, null, "UPDATE webhook_keys SET retired_at = @at WHERE kid = @k AND retired_at IS NULL", attempt, ("@k", kid), ("@at", retiredAt)) == 1;
    }, ct);

    private Task<IReadOnlyList<EventSubscription>> QuerySubscriptions(string sql, CancellationToken ct, params (string, object)[] parameters) =>
        db.RetryTransientAsync<IReadOnlyList<EventSubscription>>(async attempt =>
        {
            await using var connection = await db.OpenAsync(attempt);
            return await ReadSubscriptions(connection, null, sql, parameters, attempt);
        }, ct);

    private async Task<List<EventSubscription>> ReadSubscriptions(DbConnection connection, DbTransaction? tx, string sql, (string, object)[] parameters, CancellationToken ct)
    {
        await using var command = Sql.Command(connection, tx, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var found = new List<EventSubscription>();
        while (await reader.ReadAsync(ct))
            found.Add(new EventSubscription(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                Open<EventDestination>((byte[])reader.GetValue(5)), reader.GetString(6)));
        return found;
    }

    private byte[] Seal<T>(T value) => secrets.Seal(JsonSerializer.SerializeToUtf8Bytes(value, Json));

    private T Open<T>(byte[] sealedValue) => JsonSerializer.Deserialize<T>(secrets.Open(sealedValue), Json)!;

    private static BwpException DestinationNameTaken(string name) => BwpException.Validation("DestinationNameAlreadyExists",
        $"input.destination.eventBridge.partnerEventSource.name: the partner event source name '{name}' already exists; names are globally unique, choose another.");

    private static BwpException SubscriptionTaken(EventSubscription s, string? existing) => BwpException.Validation("SubscriptionAlreadyExists",
        $"input: a subscription to {s.EventType} with this destination already exists{(existing is null ? "" : $" ({existing})")}; leave out the event types you are already subscribed to.");
}
