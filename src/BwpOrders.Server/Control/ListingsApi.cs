using BwpOrders.Domain;
using BwpOrders.Domain.Access;
using BwpOrders.Domain.Model;
using BwpOrders.Server.Auth;

namespace BwpOrders.Server.Control;

/// <summary>
/// <c>/control/v1/orders</c> and <c>/control/v1/returns</c>: the caller's target's orders and returns found by what a
/// person looks for (an alias, a state, a time range), newest first, a page at a time. Each answer is read from
/// indexes, so it costs the same on a store of a million orders as on an empty one.
/// </summary>
public static class ListingsApi
{
    public static readonly string[] ExecutionStateValues = [ExecutionStates.NotStarted, ExecutionStates.Started];
    public static readonly string[] PackageStateValues = [PackageStates.Pending, PackageStates.InTransit, PackageStates.Delivered, PackageStates.Cancelled];
    public static readonly string[] ReturnStateValues = [ReturnStates.Draft, ReturnStates.Created, ReturnStates.Cancelled, ReturnStates.Completed];

    public static void Map(RouteGroupBuilder control)
    {
        control.MapGet("/orders", (HttpContext http, AccessGuard guard, IOrderStore store) => ControlApi.Handle(http, async () =>
        {
            var (_, target) = await guard.AuthorizeAsync(http, Scopes.ViewOrderData, "listing orders");
            var page = await store.SearchOrdersAsync(target, OrderSearchOf(Query(http, "The order listing")), http.RequestAborted);
            return new { orders = page.Items.Select(OrderView), next = ListingQuery.Encode(page.Next) };
        }));

        control.MapGet("/returns", (HttpContext http, AccessGuard guard, IOrderStore store) => ControlApi.Handle(http, async () =>
        {
            var (_, target) = await guard.AuthorizeAsync(http, Scopes.ViewOrderData, "listing returns");
            var page = await store.SearchReturnsAsync(target, ReturnSearchOf(Query(http, "The return listing")), http.RequestAborted);
            return new { returns = page.Items, next = ListingQuery.Encode(page.Next) };
        }));
    }

    /// <summary><c>orderId, alias, aliasType, state, packageState, createdAfter, createdBefore, first, after</c>.</summary>
    public static OrderSearch OrderSearchOf(ListingQuery q)
    {
        var search = new OrderSearch(
            OrderId: q.Text("orderId"), AliasId: q.Text("alias"), AliasType: q.Text("aliasType"),
            ExecutionState: q.OneOf("state", ExecutionStateValues), PackageState: q.OneOf("packageState", PackageStateValues),
            CreatedAfter: q.Time("createdAfter"), CreatedBefore: q.Time("createdBefore"), After: q.After(), First: q.First());
        q.Done();
        if (search.AliasType is not null && search.AliasId is null) throw Invalid("aliasType narrows alias: give alias (the alias id) with it.");
        return search;
    }

    /// <summary><c>returnId, orderId, state, startedThroughBwp, createdAfter, createdBefore, first, after</c>.</summary>
    public static ReturnSearch ReturnSearchOf(ListingQuery q)
    {
        var search = new ReturnSearch(
            ReturnId: q.Text("returnId"), OrderId: q.Text("orderId"), State: q.OneOf("state", ReturnStateValues), StartedThroughBwp: q.Flag("startedThroughBwp"),
            CreatedAfter: q.Time("createdAfter"), CreatedBefore: q.Time("createdBefore"), After: q.After(), First: q.First());
        q.Done();
        return search;
    }

    public static object OrderView(OrderSummary o) => new
    {
        o.OrderId,
        aliases = o.Aliases.Select(a => new { a.AliasType, a.AliasId }),
        executionState = o.ExecutionState,
        o.PackageState,
        o.CreatedAt,
        o.UpdatedAt,
        o.Version,
    };

    /// <summary>A listing's filters from the query string; one given twice is refused (the console's search reads them the same way).</summary>
    internal static ListingQuery Query(HttpContext http, string listing) =>
        new(http.Request.Query.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value.Count > 1 ? throw Invalid($"{p.Key} is given twice; a listing takes each filter once.") : p.Value.ToString())), listing);

    private static RequestRejected Invalid(string message) => new(400, ErrorKind.Validation, ErrorCodes.InvalidInput, message);
}
