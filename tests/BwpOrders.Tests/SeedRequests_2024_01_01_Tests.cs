using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// The 2024-01-01 updateOrder reference examples (which select <c>{ id }</c>) and the "Update a Buy with Prime
/// order" guide examples (variables, <c>input.orderId</c>, selecting <c>{ order { ... } }</c>), all on 2024-01-01,
/// each sent to an order fresh from the version's documented createOrder example (plus the refund a seed names).
/// </summary>
public sealed class SeedRequests_2024_01_01_Tests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly OrderSetup _setup = new(server.Api, "bp-" + Guid.NewGuid());
    private DocumentedOrders Orders => new(server, _setup.Target);

    [Fact]
    public async Task Update_refund_records_the_refund_and_its_payment()
    {
        var order = await Orders.Create_2024_01_01();
        var refundId = await _setup.AddRefund(order.Id, order.LineItemId, "PENDING", OrderSetup.Aliases(("EXTERNAL_REFUND_ID", "external-refund-id-1")));
        var request = Seeds.Request("2024-01-01.update-refund", new Dictionary<string, string>
        {
            ["123-4567-8910"] = order.Id, ["refund-123"] = refundId, ["ofmmgl63ta8u14"] = order.LineItemId,
        });

        await SendAndExpectId(request, order.Id);

        var stored = await Read01(order.Id, """
            refunds { details { id state aliases { aliasType aliasId } refundTotal { totalAmount { amount currencyCode } }
              refundFor { orderLineItems { lineItem { id } } }
              paymentDetails { id amount { amount currencyCode } state paymentMethod { displayString type }
                payer { id billingAddress { name streetAddress locality region countryCode postalCode contactNumber } contact { name email } } } } }
            """);
        JsonMatch.Assert($$$$"""
            {"refunds":{"details":[{"id":"{{{{refundId}}}}","state":"SUCCESS",
              "aliases":[{"aliasType":"EXTERNAL_REFUND_ID","aliasId":"external-refund-id-1"}],
              "refundTotal":{"totalAmount":{"amount":10,"currencyCode":"USD"}},
              "refundFor":{"orderLineItems":[{"lineItem":{"id":"{{{{order.LineItemId}}}}"}}]},
              "paymentDetails":[{"id":"payment-transfer-id-1","amount":{"amount":10,"currencyCode":"USD"},"state":"SUCCESS",
                "paymentMethod":{"displayString":"Visa ending in 1234","type":"AMAZON_PAY"},
                "payer":{"id":"payer-id-1","billingAddress":{"name":"John Smith","streetAddress":"399 Boren Ave N","locality":"Seattle",
                  "region":"WA","countryCode":"US","postalCode":"98019","contactNumber":"123-456-7890"},
                  "contact":{"name":"John Smith","email":"[email\u00A0protected]"}}}]}]}}
            """, stored);
    }

    [Fact]
    public async Task Initiate_fulfilment_with_all_order_details_merges_the_line_item_and_starts()
    {
        // The seed's line item carries the alias ID e2a20tn5wnzf95 the documented createOrder gave the order's line
        // item, so it names that line item (matched by alias) and adds its one new alias, SKU.
        var order = await Orders.Create_2024_01_01();
        var request = Seeds.Request("2024-01-01.initiate-fulfilment-with-all-order-details", new Dictionary<string, string> { ["123-4567-8910"] = order.Id });

        await SendAndExpectId(request, order.Id);

        var stored = await Read01(order.Id, """
            lineItems { id lineItemAliases { aliasType aliasId } quantity { amount } amount { value unit }
              purchasedItem { title price { currentPrice { amount currencyCode } } itemIdentifiers { type value } }
              deliveryOffer { details { id deliveryPreviewId deliveryProvider } } }
            customer { id contact { name email } }
            payments { details { id amount { amount currencyCode } } }
            totalPrice { value { amount currencyCode } }
            metadata { executionState }
            """);
        JsonMatch.Assert($$$$"""
            {"lineItems":[
              {"id":"{{{{order.LineItemId}}}}","lineItemAliases":[{"aliasType":"ID","aliasId":"e2a20tn5wnzf95"},{"aliasType":"EXTERNAL_ITEM_ID","aliasId":"external-line-item-id-e2a20tn5wnzf95"},
                 {"aliasType":"EXTERNAL_DISPLAY_ID","aliasId":"sku-id-e2a20tn5wnzf95"},{"aliasType":"SKU","aliasId":"sku-id-e2a20tn5wnzf95"}],
               "quantity":{"amount":1},"amount":{"value":1,"unit":"ONE"},
               "purchasedItem":{"title":"Best Pet Supplies - Waterproof Dogs toys","price":{"currentPrice":{"amount":10,"currencyCode":"USD"}},"itemIdentifiers":[{"type":"ID","value":"e2a20tn5wnzf95"}]},
               "deliveryOffer":{"details":{"id":"5060887210","deliveryPreviewId":"SIP-8676502-0261200","deliveryProvider":"PRIME"}}}],
             "customer":{"id":"customer-id-1","contact":{"name":"John Smith","email":"[email\u00A0protected]"}},
             "payments":{"details":[{"id":"payment-transfer-id-1","amount":{"amount":10,"currencyCode":"USD"}}]},
             "totalPrice":{"value":{"amount":10,"currencyCode":"USD"}},
             "metadata":{"executionState":"STARTED"}}
            """, stored);
    }

    [Fact]
    public async Task Initiate_fulfillment_with_order_id_starts_fulfillment()
    {
        var order = await Orders.Create_2024_01_01();
        var request = Seeds.Request("2024-01-01.initiate-fulfillment-with-order-id", new Dictionary<string, string> { ["123-4567-8910"] = order.Id });

        await SendAndExpectId(request, order.Id);

        // Fulfilment started: BwP packages the Amazon-fulfilled line item, PENDING.
        JsonMatch.Assert($$$$"""
            {"metadata":{"executionState":"STARTED"},"deliveryInformation":{"summary":{"state":"PENDING"},
             "details":[{"state":"PENDING","deliveryInformationDetailsFor":{"orderLineItems":[{"lineItem":{"id":"{{{{order.LineItemId}}}}"},"amount":{"value":1}}]}}]}}
            """, await Read01(order.Id, "metadata { executionState } deliveryInformation { summary { state } details { state deliveryInformationDetailsFor { orderLineItems { lineItem { id } amount { value } } } } }"));
        var events = await server.Store.ReadOutboxAsync(_setup.Target, order.Id);
        Assert.Equal(["ORDER_CONFIRMED"], events.Select(e => e.EventType));
    }

    // The guide's examples (input.orderId) are valid in 2024-01-01 and, as its 2024-04-01 edition shows, 2024-04-01.
    [Theory]
    [InlineData(ApiClient.V2024_01_01)]
    [InlineData(ApiClient.V2024_04_01)]
    public async Task Guide_trigger_fulfillment_for_an_existing_order(string version)
    {
        var order = await Orders.Create_2024_01_01();
        const string seed = "guide.trigger-fulfillment-for-an-existing-order";
        var request = Seeds.Request(seed);
        var response = (await server.Api.Send(_setup.Target, version, request,
            Seeds.Variables(seed, new Dictionary<string, string> { ["example-order-id"] = order.Id }))).AssertSuccess();

        JsonMatch.Assert($$$$"""{"updateOrder":{"order":{"id":"{{{{order.Id}}}}"}}}""", response.Data);
        JsonMatch.Assert("""{"metadata":{"executionState":"STARTED"}}""", await Read01(order.Id, "metadata { executionState }"));
    }

    [Theory]
    [InlineData(ApiClient.V2024_01_01)]
    [InlineData(ApiClient.V2024_04_01)]
    public async Task Guide_update_order_level_attributes(string version)
    {
        var order = await Orders.Create_2024_01_01();
        const string seed = "guide.update-order-level-attributes";
        var request = Seeds.Request(seed);
        var response = (await server.Api.Send(_setup.Target, version, request,
            Seeds.Variables(seed, new Dictionary<string, string> { ["example-order-id"] = order.Id }))).AssertSuccess();

        const string expectedOrder = """
            {"id":"<order>","totalPrice":{"value":{"amount":20,"currencyCode":"USD"}},"taxes":{"summary":{"collectableTaxAmount":{"amount":12}}}}
            """;
        var ids = new Dictionary<string, string> { ["order"] = order.Id };
        JsonMatch.Assert($$$$"""{"updateOrder":{"order":{{{{expectedOrder}}}}}}""", response.Data, ids);
        JsonMatch.Assert(expectedOrder, await Read01(order.Id, SeedSelections.OrderSelection(request)), ids);
    }

    private async Task SendAndExpectId(string request, string orderId)
    {
        var response = (await server.Api.Send(_setup.Target, ApiClient.V2024_01_01, request)).AssertSuccess();
        JsonMatch.Assert($$$$"""{"updateOrder":{"id":"{{{{orderId}}}}"}}""", response.Data);
    }

    /// <summary>Reads with the 2024-01-01 order query (its orderId argument is documented as no longer supported).</summary>
    private async Task<JsonNode> Read01(string orderId, string selection)
    {
        var response = (await server.Api.Send(_setup.Target, ApiClient.V2024_01_01,
            $"query($id: ID) {{ order(orderIdentifier: {{orderId: $id}}) {{ {selection} }} }}", new JsonObject { ["id"] = orderId })).AssertSuccess();
        return response.Data!["order"]!;
    }
}
