using System.Text.Json;
using System.Text.Json.Serialization;
using BwpOrders.Domain.Model;

namespace BwpOrders.Domain;

/// <summary>The one JSON form of the order document, shared by every storage engine.</summary>
public static class OrderJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        IgnoreReadOnlyProperties = true,
    };

    public static string Serialize(Order order) => JsonSerializer.Serialize(order, Options);

    public static Order Deserialize(string json) => Linked(JsonSerializer.Deserialize<Order>(json, Options));

    /// <summary>Reads a stored document, remembering it as the order's <see cref="Snapshot"/>.</summary>
    public static Order Deserialize(byte[] utf8)
    {
        var order = Linked(JsonSerializer.Deserialize<Order>(utf8, Options));
        order.StoredForm = utf8;
        return order;
    }

    private static Order Linked(Order? order) => (order ?? throw new InvalidDataException("empty order document")).Link();

    /// <summary>
    /// The order's document before a change, to tell a no-op from a change (<see cref="Rules.Change.Finish"/>): the
    /// document it was read from, or else its serialization. Both are what is stored, so "unchanged" means "the same
    /// as stored", without serializing the order one more time per update.
    /// </summary>
    public static byte[] Snapshot(Order order) => order.StoredForm ?? SerializeToUtf8(order);

    public static byte[] SerializeToUtf8<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>
    /// <paramref name="document"/> (the order serialized with the metadata whose JSON is <paramref name="old"/>) with
    /// <paramref name="after"/> in its place: metadata is the order's last property, so only it is serialized again,
    /// not the whole order. Null when the document does not end with that metadata (then serialize the order).
    /// </summary>
    public static string? WithMetadata(byte[] document, byte[] old, OrderMetadata after)
    {
        var tail = document.AsSpan(Math.Max(0, document.Length - old.Length - 1));
        if (tail.Length != old.Length + 1 || tail[^1] != (byte)'}' || !tail[..^1].SequenceEqual(old)) return null;
        var fresh = JsonSerializer.SerializeToUtf8Bytes(after, Options);
        var head = document.AsSpan(0, document.Length - old.Length - 1);
        return string.Concat(System.Text.Encoding.UTF8.GetString(head), System.Text.Encoding.UTF8.GetString(fresh), "}");
    }

    /// <summary>Structural equality for value parts whose records hold lists.</summary>
    public static bool SameValue<T>(T a, T b) =>
        JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options);
}
