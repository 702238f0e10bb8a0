using System.Text;
using BwpOrders.Domain;
using BwpOrders.Domain.Catalog;
using BwpOrders.Domain.Checkout;
using BwpOrders.Domain.Model;
using BwpOrders.Server.Api;
using BwpOrders.Server.Auth;
using static BwpOrders.Server.Console.ConsoleHtml;

namespace BwpOrders.Server.Console;

/// <summary>
/// An order page's catalog products and delivery preview. Each line item's product is found in the target's catalog
/// as createOrder and the return policy link a line to one (<see cref="ProductLookup.Of"/>: its product id, else SKU,
/// else external id); the preview is what <see cref="DeliveryPreviewService"/>, the deliveryPreview query's own code,
/// answers for those products to the order's shipping address and shopper. Each needs the scopes its GraphQL query
/// needs; without them the page says so instead.
/// </summary>
public static class ConsoleOrderCatalog
{
    public static async Task<string> SectionAsync(ConsoleServices c, ConsoleSession session, Order order, CancellationToken ct)
    {
        var html = new StringBuilder("<h2>Catalog products</h2>\n");
        if (await MissingScopeAsync(c, session, "product", "reading the catalog (the product query)", ct) is { } denied)
            return html.Append(Note($"Catalog products not shown. {denied}")).ToString();
        var lines = new List<(LineItem Line, ProductLookup? Lookup, CatalogProduct? Product)>();
        foreach (var line in order.LineItems)
        {
            var lookup = ProductLookup.Of(line.Product?.Identifier);
            lines.Add((line, lookup, lookup is null ? null : await c.Catalog.FindAsync(session.Caller.TargetId, lookup, ct)));
        }
        html.Append(Table("Each line item's product in this target's catalog", ["Line item", "Catalog product", "Title", "SKU", "Amazon SKU", "Offered with Prime", "Price", "Detail page"],
            lines.Select(l => l.Product is { } product ? Product(l.Line, product) : Missing(l.Line, l.Lookup))));
        html.Append("<h2>Delivery preview</h2>\n");
        if (await MissingScopeAsync(c, session, "deliveryPreview", "previewing delivery (the deliveryPreview query)", ct) is { } noPreview)
            return html.Append(Note($"Delivery preview not shown. {noPreview}")).ToString();
        var products = lines.Where(l => l.Product is not null).Select(l => (l.Line, l.Lookup!, l.Product!)).ToList();
        if (products.Count == 0) return html.Append("<p>No line item is a product of this target's catalog, so there is nothing to preview.</p>\n").ToString();
        return html.Append(await PreviewAsync(c, session, order, products, ct)).ToString();
    }

    /// <summary>What the caller lacks for <paramref name="field"/> (the scopes its GraphQL query needs), or null when it has them.</summary>
    private static async Task<string?> MissingScopeAsync(ConsoleServices c, ConsoleSession session, string field, string operation, CancellationToken ct)
    {
        try
        {
            foreach (var scope in ApiModules.Scopes[field]) await c.Guard.AuthorizeAsync(session.Caller, scope, operation, ct);
            return null;
        }
        catch (RequestRejected e) when (e.Status == StatusCodes.Status403Forbidden)
        {
            return e.Message;
        }
    }

    private static IReadOnlyList<string> Product(LineItem line, CatalogProduct product) =>
    [
        Line(line), E(product.Id), E(product.DisplayTitle), E(product.Sku),
        product.AmazonSku is { } amazon ? E(amazon.Value) + (amazon.MarketplaceId is { } marketplace ? $" <span class=\"muted\">(marketplace {E(marketplace)})</span>" : "") : "",
        product.OfferPrime ? "yes" : "no", Money(product.Price), DetailPage(product.ProductDetailPageUrl),
    ];

    private static IReadOnlyList<string> Missing(LineItem line, ProductLookup? lookup) =>
    [
        Line(line), lookup is null ? "None: the line item names no product id, SKU or external id."
            : E($"None: this target's catalog has no product with {Say(lookup)}."), "", "", "", "", "", "",
    ];

    private static string Line(LineItem line) => $"{E(line.Product?.Title ?? line.Id)} <span class=\"muted\">({E(line.Id)})</span>";

    /// <summary>A link only to an http or https address (the catalog's own rule), its text the address; anything else is shown, not linked.</summary>
    private static string DetailPage(string? url) => url is null ? ""
        : CatalogRules.IsUrl(url) && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"""<a href="{E(uri.AbsoluteUri)}">{E(url)}</a>"""
        : $"<code>{E(url)}</code> (not linked: not an http or https address)";

    private static string Say(ProductLookup lookup) => lookup.Kind switch
    {
        ProductLookupKind.ProductId => $"product id {lookup.Value}",
        ProductLookupKind.Sku => $"SKU {lookup.Value}",
        ProductLookupKind.ExternalId => $"external id {lookup.Value}",
        _ => $"Amazon SKU {lookup.Value}",
    };

    /// <summary>
    /// The preview deliveryPreview would issue now for the products to the order's address and shopper, or BwP's refusal
    /// when it would refuse. Only described: a page view keeps no preview and leaves a seeded run's ids alone.
    /// </summary>
    private static async Task<string> PreviewAsync(ConsoleServices c, ConsoleSession session, Order order,
        IReadOnlyList<(LineItem Line, ProductLookup Lookup, CatalogProduct Product)> products, CancellationToken ct)
    {
        var address = order.Recipient?.DeliveryAddress;
        var shopper = SandboxShoppers.Of(order.ShopperIdentity);
        var asked = $"""
            <p>What deliveryPreview would answer now for the catalog products above, in the amounts ordered, to {(address is null
                ? "no particular destination (the order has no shipping address)" : E(Where(address)))}, for {(shopper is null
                ? "a shopper not signed in (the order names no sandbox shopper)" : shopper.IsPrime ? "the order's shopper, a Prime member" : "the order's shopper, who is not a Prime member")}.</p>

            """;
        try
        {
            var preview = await c.Previews.DescribeAsync(session.Caller.TargetId,
                new PreviewRequest(products.Select(p => (p.Lookup, p.Line.Amount.Value, (string?)p.Line.Amount.Unit)).ToList(), address, shopper), AvailabilityCodes.Product, ct);
            var titles = products.Select(p => p.Product).DistinctBy(p => p.Id).ToDictionary(p => p.Id, p => p.DisplayTitle ?? p.Id);
            return asked + Table($"Delivery preview (not issued: a page view keeps none), valid until {preview.ValidUntil}", ["Product", "Amount", "Offer", "Promise", "Earliest", "Latest", "Delivery price"],
                preview.Groups.Select(g => (IReadOnlyList<string>)[E(titles[g.Product.ProductId]), E(g.Product.Amount), g.Offer.IsPrime ? "Prime" : "standard",
                    E(g.Offer.MessageText), E(g.Offer.Earliest), E(g.Offer.Latest), Money(g.Offer.Price)]));
        }
        catch (BwpException e)
        {
            return asked + Note($"BwP would not preview them: {e.Detail}");
        }
    }

    private static string Where(Address address) =>
        string.Join(", ", new[] { address.StreetAddress, address.Locality, address.Region, address.PostalCode, address.CountryCode }.Where(p => !string.IsNullOrEmpty(p)));

    private static string Note(string text) => $"<p>{E(text)}</p>\n";
}
