using System.Text.Json;
using BwpOrders.Domain;
using BwpOrders.Domain.Checkout;

namespace BwpOrders.Storage.Relational;

/// <summary>
/// Delivery previews as JSON documents; each insert also drops the target's previews no longer usable. Both go as one
/// atomic batch (on PostgreSQL one round trip: a checkout previews on every page view).
/// </summary>
public sealed class RelationalDeliveryPreviewStore(RelationalDatabase db) : IDeliveryPreviewStore
{
    public Task InsertAsync(string targetId, DeliveryPreview preview, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteBatchAsync(
        [
            new Statement("DELETE FROM delivery_previews WHERE target_id = @t AND expires_at_ms < @now", ("@t", targetId), ("@now", now.ToUnixTimeMilliseconds())),
            new Statement("INSERT INTO delivery_previews (target_id, preview_id, expires_at_ms, document) VALUES (@t, @id, @exp, @doc)",
                ("@t", targetId), ("@id", preview.Id), ("@exp", Timestamps.Parse(preview.ValidUntil).ToUnixTimeMilliseconds()),
                ("@doc", JsonSerializer.Serialize(preview, OrderJson.Options))),
        ], _ => { }, ct);

    public Task<DeliveryPreview?> FindAsync(string targetId, string previewId, CancellationToken ct = default) => db.RetryTransientAsync(async attempt =>
    {
        await using var connection = await db.OpenAsync(attempt);
        var document = await Sql.Scalar(connection, null, "SELECT document FROM delivery_previews WHERE target_id = @t AND preview_id = @id", attempt,
            ("@t", targetId), ("@id", previewId));
        return document is string json ? JsonSerializer.Deserialize<DeliveryPreview>(json, OrderJson.Options) : null;
    }, ct);
}
