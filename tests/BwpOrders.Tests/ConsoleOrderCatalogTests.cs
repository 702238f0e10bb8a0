using System.Net;
using System.Text.Json.Nodes;
using BwpOrders.Domain.Access;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// An order's console page shows each line item's product in the target's own catalog (found by the line's product
/// identifier, as createOrder finds it) and the delivery preview BwP gives for those products to the order's address;
/// both only with the scopes their GraphQL queries need, and every value HTML-encoded.
/// </summary>
public sealed class ConsoleOrderCatalogTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly IReadOnlyList<string> CatalogScopes = [.. Scopes.Orders, Scopes.CatalogData, Scopes.DeliveryPreview];
    private readonly OrderSetup _setup = new(server.Api, "bp-console-catalog-" + Guid.NewGuid().ToString("N")[..8]);
    private CheckoutSetup Checkout => new(server, _setup.Target);

    private static JsonObject Catalog(params JsonObject[] products) => new() { ["products"] = new JsonArray(products) };

    private static JsonObject Product(string sku, string title, bool offerPrime = true, string? url = null) => new()
    {
        ["sku"] = sku, ["amazonSku"] = "amz-" + sku, ["offerPrime"] = offerPrime, ["title"] = title, ["buyableQuantity"] = 10,
        ["price"] = new JsonObject { ["amount"] = 19.99, ["currencyCode"] = "USD" },
        ["productDetailPageUrl"] = url ?? $"https://example.com/products/{sku}",
    };

    /// <summary>An order of 2 of each SKU (its lines titled "line of SKU", so the catalog's title is told apart), as the signed-in console shows it.</summary>
    private async Task<string> OrderPage(IReadOnlyList<string> scopes, params string[] skus)
    {
        var order = await _setup.Create(items: new JsonArray(skus.Select((sku, i) => (JsonNode)OrderSetup.LineItem($"line of {sku}", 2, i, sku: sku)).ToArray()));
        using var browser = await ConsoleBrowser.SignedIn(server, _setup.Target, scopes);
        var (status, page) = await browser.Get($"/console/orders/{order.Id}");
        Assert.Equal(HttpStatusCode.OK, status);
        return page;
    }

    [Fact]
    public async Task A_line_of_an_imported_product_shows_the_product_and_the_Prime_delivery_preview_to_the_orders_address()
    {
        await Checkout.Import(Catalog(Product("desk-lamp", "Brass desk lamp")));

        var page = await OrderPage(CatalogScopes, "desk-lamp", "not-in-catalog");

        foreach (var shown in new[]
                 {
                     "<td>Brass desk lamp</td><td>desk-lamp</td><td>amz-desk-lamp</td><td>yes</td><td>19.99 USD</td>",
                     """<a href="https://example.com/products/desk-lamp">https://example.com/products/desk-lamp</a>""",
                     "None: this target&#39;s catalog has no product with SKU not-in-catalog.",
                     "to 399 Boren Ave N, Seattle, WA, 98109, US, for a shopper not signed in",
                 })
            Assert.Contains(shown, page);
        Assert.Matches("<tr><td>Brass desk lamp</td><td>2</td><td>Prime</td><td>Get it on [A-Z][a-z]{2}, [A-Z][a-z]{2} [0-9]{1,2}</td>", page);
    }

    [Fact]
    public async Task Another_targets_product_with_the_same_SKU_is_never_shown()
    {
        await Checkout.Import(Catalog(Product("shared-sku", "This target's lamp")));
        var other = new CheckoutSetup(server, "bp-console-catalog-other-" + Guid.NewGuid().ToString("N")[..8]);
        await other.Import(Catalog(Product("shared-sku", "Other target's lamp"), Product("only-other", "Only the other target's")));

        var page = await OrderPage(CatalogScopes, "shared-sku", "only-other");

        Assert.Contains("This target&#39;s lamp", page);
        Assert.DoesNotContain("Other target", page);
        Assert.DoesNotContain("Only the other", page);
        Assert.Contains("has no product with SKU only-other.", page);
    }

    [Fact]
    public async Task A_product_title_and_detail_page_url_with_html_are_encoded()
    {
        await Checkout.Import(Catalog(Product("html", """<b onmouseover="steal()">Lamp & co</b>""", url: "https://example.com/p?a=1&b=\"><script>")));

        var page = await OrderPage(CatalogScopes, "html");

        Assert.Contains("&lt;b onmouseover=&quot;steal()&quot;&gt;Lamp &amp; co&lt;/b&gt;", page);
        Assert.DoesNotContain("<b onmouseover", page);
        Assert.DoesNotContain("<script>", page);
        Assert.Contains("""href="https://example.com/p?a=1&amp;b=%22%3E%3Cscript%3E">""", page);
    }

    [Fact]
    public async Task A_product_BwP_does_not_sell_with_Prime_shows_the_previews_refusal()
    {
        await Checkout.Import(Catalog(Product("merchant-lamp", "Merchant's lamp", offerPrime: false)));

        var page = await OrderPage(CatalogScopes, "merchant-lamp");

        Assert.Contains("<td>Merchant&#39;s lamp</td><td>merchant-lamp</td><td>amz-merchant-lamp</td><td>no</td>", page);
        Assert.Contains("BwP would not preview them:", page);
        Assert.Contains("is not offered with Buy with Prime", page);
    }

    [Fact]
    public async Task A_credential_without_the_catalog_scope_sees_a_note_instead_of_the_products()
    {
        await Checkout.Import(Catalog(Product("desk-lamp", "Brass desk lamp")));

        var page = await OrderPage(Scopes.Orders, "desk-lamp");

        Assert.Contains("Catalog products not shown. Access denied: reading the catalog (the product query) needs the &#39;View &amp; Edit Catalog Data&#39; scope", page);
        Assert.DoesNotContain("Brass desk lamp", page);
        Assert.DoesNotContain("<h2>Delivery preview</h2>", page);
        Assert.Contains("line of desk-lamp", page); // the rest of the order is shown
    }

    [Fact]
    public async Task A_credential_without_the_preview_scope_sees_the_products_and_a_note_instead_of_the_preview()
    {
        await Checkout.Import(Catalog(Product("desk-lamp", "Brass desk lamp")));

        var page = await OrderPage([.. Scopes.Orders, Scopes.CatalogData], "desk-lamp");

        Assert.Contains("<td>Brass desk lamp</td>", page);
        Assert.Contains("Delivery preview not shown. Access denied: previewing delivery (the deliveryPreview query) needs the &#39;View Delivery Preview&#39; scope", page);
        Assert.DoesNotContain("Get it on", page);
    }

    /// <summary>
    /// The same requests on two servers with the same seed, one of them showing the order's page between them: the
    /// next deliveryPreview gets the same id on both, so the page issued none and drew nothing from the seeded ids.
    /// </summary>
    [Fact]
    public async Task Showing_an_order_page_issues_no_preview_and_leaves_a_seeded_runs_ids_alone()
    {
        var ids = new List<string>();
        foreach (var look in new[] { true, false })
        {
            var seeded = new ServerFixture { Seed = 11 };
            await seeded.InitializeAsync();
            try
            {
                const string target = "bp-console-catalog-seeded";
                var checkout = new CheckoutSetup(seeded, target);
                await checkout.Import(Catalog(Product("desk-lamp", "Brass desk lamp")));
                var order = await new OrderSetup(seeded.Api, target).Create(items: new JsonArray(OrderSetup.LineItem("line of desk-lamp", 2, 0, sku: "desk-lamp")));
                using var browser = await ConsoleBrowser.SignedIn(seeded, target, CatalogScopes);
                if (look) Assert.Contains("Get it on ", (await browser.Get($"/console/orders/{order.Id}")).Html);
                ids.Add((await checkout.Preview(("desk-lamp", 1))).PreviewId);
            }
            finally
            {
                await seeded.DisposeAsync();
            }
        }
        Assert.Equal(ids[0], ids[1]);
    }
}
