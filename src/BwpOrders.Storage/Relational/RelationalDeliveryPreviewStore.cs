using System.Text.Json;
using BwpOrders.Domain;
using BwpOrders.Domain.Checkout;

namespace BwpOrders.Storage.Relational;

/// <summary>Delivery previews as JSON documents; each insert also drops the target's previews no longer usable.</summary>
public sealed class RelationalDeliveryPreviewStore(RelationalDatabase db) : IDeliveryPreviewStore
{
    public Task InsertAsync(string targetId, DeliveryPreview preview, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(async (connection, tx, ct) =>
        {
            await Sql.Exec(connection, tx, "DELETE FROM delivery_previews WHERE target_id = @t AND expires_at_ms < @now", ct,
                ("@t", targetId), ("@now", now.ToUnixTimeMilliseconds()));
            return await Sql.Exec(connection, tx, "INSERT INTO delivery_previews (target_id, preview_id, expires_at_ms, document) VALUES (@t, @id, @exp, @doc)", ct,
                ("@t", targetId), ("@id", preview.Id), ("@exp", Timestamps.Parse(preview.ValidUntil).ToUnixTimeMilliseconds()),
                ("@doc", JsonSerializer.Serialize(preview, OrderJson.Options)));
        }, ct);

    public Task<DeliveryPreview?> FindAsync(string targetId, string previewId, CancellationToken ct = default) => db.RetryTransientAsync(async attempt =>
    {
        await using var connection = await db.OpenAsync(attempt);
        var document = await Sql.Scalar(connection, null, "SELECT document FROM delivery_previews WHERE target_id = @t AND preview_id = @id", attempt,
            ("@t", targetId), ("@id", previewId));
        return document is string json ? JsonSerializer.Deserialize<DeliveryPreview>(json, OrderJson.Options) : null;
    }, ct);
}
