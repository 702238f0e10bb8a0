using System.Text;
using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// The catalog's events over HTTP to a real webhook: BUYABILITY_CHANGED when a product becomes buyable with Prime or
/// stops being so (with the product, as BwP's event page shows it), INVENTORY_CHANGED when a product's quantity is set,
/// an order taking its units from the inventory (silently, as BwP's sandbox does), and one target's events only.
/// </summary>
public sealed class CatalogEventTests(EventServerFixture fixture) : IClassFixture<EventServerFixture>
{
    private readonly CheckoutSetup _checkout = new(fixture.Server, "bp-" + Guid.NewGuid());
    private EventSubscriber Events => new(fixture.Server.Api, _checkout.Target);
    private WebhookSink Sink => fixture.Sink;
    private string Hook(string name) => $"/hooks/{_checkout.Target}/{name}";
    private string Resource(string path) => $"businessProduct/{_checkout.Target}/{path}";

    /// <summary>The catalog events recorded for the target (they belong to no order), oldest first.</summary>
    private async Task<List<(string Type, string Resource)>> Raised() =>
        (await fixture.Server.Store.ReadOutboxAsync(_checkout.Target, "")).Select(e => (e.EventType, e.Resource)).ToList();

    [Fact]
    public async Task Buyability_changes_arrive_with_the_product_and_other_changes_raise_nothing()
    {
        var subscription = await Events.Webhook("BUYABILITY_CHANGED", Sink.Url(Hook("buyability")));
        var id = await _checkout.CreateProduct(ApiClient.V2024_11_01, "lamp"); // offered with Prime, with an Amazon SKU: buyable
        await _checkout.CreateProduct(ApiClient.V2024_11_01, "plain", offerPrime: false); // never buyable: nothing to announce
        (await _checkout.Send(ApiClient.V2024_11_01, """mutation { updateProduct(identifier: { sku: "lamp" }, input: { title: { values: [{ value: "Lamp", locale: "en-US" }], defaultLocale: "en-US" } }) { id } }"""))
            .AssertSuccess();
        (await _checkout.Send(ApiClient.V2024_11_01, """mutation { updateProduct(identifier: { sku: "lamp" }, input: { offerPrime: false }) { id } }""")).AssertSuccess();

        var arrived = await Sink.WaitFor(Hook("buyability"), r => r.Count >= 2);

        Assert.Equal([("BUYABILITY_CHANGED", Resource($"items/{id}")), ("BUYABILITY_CHANGED", Resource($"items/{id}"))], await Raised());
        var bodies = arrived.Select(r => r.Json).OrderBy(b => b["data"]!["product"]!["buyability"]!["status"]!.ToString()).ToList();
        foreach (var body in bodies)
        {
            Assert.Equal(("BUYABILITY_CHANGED", subscription, "2024-11-01"), ((string?)body["eventDescriptor"], (string?)body["subscriptionId"], (string?)body["apiVersion"]));
            Assert.Equal(Resource($"items/{id}"), (string?)body["resources"]![0]);
        }
        JsonMatch.Assert("""{"product":{"externalId":{"value":"ext-lamp"},"id":"<id>","amazonSku":{"value":"amz-lamp"},"sku":{"value":"lamp"},"buyability":{"status":"BUYABLE"}}}""",
            bodies[0]["data"], new Dictionary<string, string> { ["id"] = id });
        Assert.Equal("NOT_BUYABLE", (string?)bodies[1]["data"]!["product"]!["buyability"]!["status"]);
    }

    [Fact]
    public async Task Setting_a_products_quantity_announces_its_inventory_item()
    {
        await Events.Webhook("INVENTORY_CHANGED", Sink.Url(Hook("inventory")));
        await _checkout.Import(Catalog(("invevt00000001", "stool", 7m)));
        await _checkout.Import(Catalog(("invevt00000001", "stool", 7m))); // the same quantity: no change
        await _checkout.Import(Catalog(("invevt00000001", "stool", 3m)));

        var arrived = (await Sink.WaitFor(Hook("inventory"), r => r.Count >= 1)).Single();

        var raised = await Raised();
        Assert.Equal([("BUYABILITY_CHANGED", Resource("items/invevt00000001")), ("INVENTORY_CHANGED", Resource("item-quantities/invevt00000001"))], raised);
        Assert.Equal(Resource("item-quantities/invevt00000001"), (string?)arrived.Json["resources"]![0]);
        Assert.Empty(arrived.Json["data"]!.AsObject()); // BwP's page shows no data for it: the merchant reads inventoryItem
        var quantity = await _checkout.Send(ApiClient.V2024_11_01, """{ inventoryItem(inventoryItemId: "invevt00000001") { buyableQuantity { amount } } }""");
        Assert.Equal(3m, (decimal)quantity.AssertSuccess().Data!["inventoryItem"]!["buyableQuantity"]!["amount"]!);
    }

    [Fact]
    public async Task An_order_takes_its_units_from_the_inventory_without_announcing_it_in_the_sandbox()
    {
        await _checkout.Import(Catalog(("invevt00000002", "kettle", 5m)));
        var (previewId, offers) = await _checkout.Preview(("kettle", 2));

        var orderId = await _checkout.Order(previewId, offers, ("kettle", 2));

        var quantity = await _checkout.Send(ApiClient.V2024_01_01, """{ inventoryItem(inventoryItemId: "invevt00000002") { buyableQuantity { amount } } }""");
        Assert.Equal(3m, (decimal)quantity.AssertSuccess().Data!["inventoryItem"]!["buyableQuantity"]!["amount"]!);
        Assert.DoesNotContain(await fixture.Server.Store.ReadOutboxAsync(_checkout.Target, orderId), e => e.EventType == "INVENTORY_CHANGED");
        // The units are gone: a preview for more than is left is refused, as 2024-11-01 says it.
        var refused = await _checkout.Send(ApiClient.V2024_11_01, """{ deliveryPreview(input: { products: [{ productIdentifier: { sku: "kettle" }, amount: { value: 4 } }] }) { id } }""");
        refused.AssertError("ValidationError", "ProductAmountUnavailable");
    }

    [Fact]
    public async Task Another_targets_catalog_changes_reach_only_its_own_subscriptions()
    {
        await Events.Webhook("BUYABILITY_CHANGED", Sink.Url(Hook("mine")));
        var other = new CheckoutSetup(fixture.Server, "bp-other-" + Guid.NewGuid());
        await other.CreateProduct(ApiClient.V2024_11_01, "theirs");
        var id = await _checkout.CreateProduct(ApiClient.V2024_11_01, "ours");

        var arrived = await Sink.WaitFor(Hook("mine"), r => r.Count >= 1);

        Assert.Equal([Resource($"items/{id}")], arrived.Select(r => (string)r.Json["resources"]![0]!));
        Assert.Equal([("BUYABILITY_CHANGED", Resource($"items/{id}"))], await Raised());
    }

    [Fact]
    public async Task A_2024_04_01_eventbridge_subscription_gets_the_thin_event_under_the_same_name()
    {
        var source = "catalog-" + Guid.NewGuid().ToString("N")[..8];
        await Events.Subscribe(ApiClient.V2024_04_01, "BUYABILITY_CHANGED", new JsonObject
        {
            ["eventBridge"] = new JsonObject { ["region"] = "eu-west-1", ["partnerEventSource"] = new JsonObject { ["account"] = "123456789012", ["name"] = source } },
        });
        var id = await _checkout.CreateProduct(ApiClient.V2024_04_01, "rug");

        var call = (await Sink.WaitFor("/eventbridge", r => r.Any(c => Encoding.UTF8.GetString(c.Body).Contains(source)))).First(c => Encoding.UTF8.GetString(c.Body).Contains(source));

        var entry = call.Json["Entries"]![0]!;
        Assert.Equal(("BUYABILITY_CHANGED", "{}", Resource($"items/{id}")), ((string?)entry["DetailType"], (string?)entry["Detail"], (string?)entry["Resources"]![0]));
    }

    private static JsonObject Catalog(params (string Id, string Sku, decimal Quantity)[] products) => new()
    {
        ["products"] = new JsonArray(products.Select(p => (JsonNode)new JsonObject
        {
            ["id"] = p.Id, ["sku"] = p.Sku, ["amazonSku"] = "amz-" + p.Sku, ["offerPrime"] = true, ["buyableQuantity"] = p.Quantity,
        }).ToArray()),
    };
}

/// <summary>Outside the sandbox, an order that takes units from the inventory announces the product's new quantity.</summary>
public sealed class ProductionInventoryEventTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new() { Production = true };

    public Task InitializeAsync() => _server.InitializeAsync();
    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task An_order_announces_the_inventory_it_takes()
    {
        var checkout = new CheckoutSetup(_server, "bp-prod-" + Guid.NewGuid());
        var id = await checkout.CreateProduct(ApiClient.V2024_11_01, "vase");
        var (previewId, offers) = await checkout.Preview(("vase", 3));

        var orderId = await checkout.Order(previewId, offers, ("vase", 3));

        var raised = await _server.Store.ReadOutboxAsync(checkout.Target, orderId);
        Assert.Contains(raised, e => e.EventType == "INVENTORY_CHANGED" && e.Resource == $"businessProduct/{checkout.Target}/item-quantities/{id}");
        var quantity = await checkout.Send(ApiClient.V2024_11_01, $$"""{ inventoryItem(inventoryItemId: "{{id}}") { buyableQuantity { amount } } }""");
        Assert.Equal(97m, (decimal)quantity.AssertSuccess().Data!["inventoryItem"]!["buyableQuantity"]!["amount"]!);
    }
}
