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

    public static Order Deserialize(string json) =>
        (JsonSerializer.Deserialize<Order>(json, Options) ?? throw new InvalidDataException("empty order document")).Link();

    /// <summary>Reads a stored document, remembering it as the order's <see cref="Snapshot"/>.</summary>
    public static Order Deserialize(byte[] utf8)
    {
        var order = (JsonSerializer.Deserialize<Order>(utf8, Options) ?? throw new InvalidDataException("empty order document")).Link();
        StoredForms.AddOrUpdate(order, utf8);
        return order;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Order, byte[]> StoredForms = new();

    /// <summary>
    /// The order's document before a change, to tell a no-op from a change (<see cref="Rules.Change.Finish"/>): the
    /// document it was read from, or else its serialization. Both are what is stored, so "unchanged" means "the same
    /// as stored", without serializing the order one more time per update.
    /// </summary>
    public static byte[] Snapshot(Order order) => StoredForms.TryGetValue(order, out var stored) ? stored : JsonSerializer.SerializeToUtf8Bytes(order, Options);

    /// <summary>True when the order serializes to exactly <paramref name="document"/>.</summary>
    public static bool Matches(Order order, byte[] document) => JsonSerializer.SerializeToUtf8Bytes(order, Options).AsSpan().SequenceEqual(document);

    /// <summary>Structural equality for value parts whose records hold lists.</summary>
    public static bool SameValue<T>(T a, T b) =>
        JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options);
}
