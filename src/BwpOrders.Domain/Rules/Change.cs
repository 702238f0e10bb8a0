using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Rules;

/// <summary>The state of one command being applied: its timestamp and the events it has produced.</summary>
public sealed class Change(Order order, string now)
{
    public Order Order { get; } = order;
    public string Now { get; } = now;
    public List<DomainEvent> Events { get; } = [];

    public void Record(string type, string? subResource = null) =>
        Events.Add(new DomainEvent(type, Order.Id, $"order/{Order.Id}{subResource}", Now));

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");

    /// <summary>Resolves a line item reference (id or alias id) of an input, or says where it failed.</summary>
    public LineItem LineItem(string reference, string path) =>
        Order.FindLineItem(reference)
        ?? throw BwpException.Validation(ErrorCodes.ItemDoesNotExist,
            $"{path}: order {Order.Id} has no line item with id or alias id '{reference}'.");
}
