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

    public static Order Deserialize(ReadOnlySpan<byte> utf8) =>
        (JsonSerializer.Deserialize<Order>(utf8, Options) ?? throw new InvalidDataException("empty order document")).Link();

    /// <summary>Structural equality for value parts whose records hold lists.</summary>
    public static bool SameValue<T>(T a, T b) =>
        JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options);
}
