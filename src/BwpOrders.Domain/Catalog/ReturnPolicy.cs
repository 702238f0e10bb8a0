using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Catalog;

/// <summary>
/// The catalog's return policy for a shopper's return: a line item whose product is in the target's catalog with
/// <c>returnable: false</c> cannot be returned through BwP, as its reversal offers say. A line item naming no catalog
/// product keeps the order rules (Amazon delivered it: returnable).
/// </summary>
public static class ReturnPolicy
{
    /// <returns>The ids of the line items <paramref name="command"/> names whose catalog product takes no returns.</returns>
    public static async Task<IReadOnlySet<string>> NotReturnableAsync(Order order, StartReturnCommand command, Func<ProductLookup, Task<CatalogProduct?>> findProduct)
    {
        var refused = new HashSet<string>();
        foreach (var line in order.LineItems.Where(l => command.Items.Any(item => l.IsKnownAs(item.LineItem))))
            if (ProductLookup.Of(line.Product?.Identifier) is { } lookup && await findProduct(lookup) is { Returnable: false })
                refused.Add(line.Id);
        return refused;
    }
}
