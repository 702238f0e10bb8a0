using BwpOrders.Domain;

namespace BwpOrders.Server.GraphQL;

/// <summary>What resolvers know about the caller: the target (tenant) every read and write is scoped to.</summary>
public sealed class RequestContext(string targetId, OrderService orders, SimulatedClock clock) : Dictionary<string, object?>
{
    public string TargetId { get; } = targetId;
    public OrderService Orders { get; } = orders;
    /// <summary>The target's simulated clock (what "now" is for its orders).</summary>
    public SimulatedClock Clock { get; } = clock;

    /// <summary>
    /// The operation the request's scope, limit and method checks were applied to; <see cref="CheckedDocumentExecuter"/>
    /// runs only this one.
    /// </summary>
    public required GraphQLParser.AST.GraphQLOperationDefinition CheckedOperation { get; init; }

    /// <summary>When set, the <c>order</c> query answers with this order instead of reading one (a webhook's <c>data.order</c>).</summary>
    public Domain.Model.Order? Snapshot { get; init; }
}
