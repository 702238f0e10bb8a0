using System.Text;
using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// Every field of every version's Order, down to the leaves, selected at once on an order that uses every input
/// BwP documents: each answers without error (a field with no resolver would fail here), in every version.
/// </summary>
public sealed class SchemaCoverageTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new()
    {
        ConfigurationArgs = [.. ServerFixture.HighRateLimits, "--Limits:MaxFieldCount=20000", "--Limits:MaxQueryTokens=200000", "--Limits:MaxQueryDepth=40"],
    };
    private readonly string _target = "bp-" + Guid.NewGuid();

    [Fact]
    public async Task The_rich_order_shows_its_offers_bundles_and_rollup_charges()
    {
        var orderId = await CreateRichOrder();
        var order = await new OrderSetup(_server.Api, _target).Read(orderId, """
            totalPrice { value { amount } rollupCharges { rollupChargeType value { amount currencyCode } displayString } }
            lineItems { product { purchaseGroupMembership { product { sku } } }
              deliveryOffer { details { id deliveryProvider price { amount { amount } } recipient { deliveryAddress { postalCode } }
                deliveryOfferFor { orderLineItemAmounts { amount { value } lineItem { aliases { aliasId } } } } discounts { summary { amount { amount } } } }
                summary { deliveryCharge { amount } deliveryMessage deliveryProvider } } }
            """);

        JsonMatch.Assert("""
            {"totalPrice":{"value":{"amount":24},"rollupCharges":[
              {"rollupChargeType":"ORDER_SUB_TOTAL","value":{"amount":20,"currencyCode":"USD"},"displayString":"Subtotal"},
              {"rollupChargeType":"ORDER_TAX","value":{"amount":1.5,"currencyCode":"USD"},"displayString":"Estimated tax"},
              {"rollupChargeType":"ORDER_SHIPPING","value":{"amount":4,"currencyCode":"USD"},"displayString":"Shipping"},
              {"rollupChargeType":"DISCOUNT","value":{"amount":6,"currencyCode":"USD"},"displayString":"Discount"},
              {"rollupChargeType":"REFUND_TOTAL_FEES","value":{"amount":5,"currencyCode":"USD"},"displayString":"Refunded"}]},
             "lineItems":[
              {"product":{"purchaseGroupMembership":{"product":{"sku":"set"}}},
               "deliveryOffer":{"details":{"id":"<id>","deliveryProvider":"AMAZON","price":{"amount":{"amount":3}},"recipient":{"deliveryAddress":{"postalCode":"98109"}},
                 "deliveryOfferFor":{"orderLineItemAmounts":[{"amount":{"value":2},"lineItem":{"aliases":[{"aliasId":"mug"}]}},{"amount":{"value":1},"lineItem":{"aliases":[{"aliasId":"card"}]}}]},
                 "discounts":{"summary":{"amount":{"amount":3}}}},"summary":null}},
              {"product":null,
               "deliveryOffer":{"details":null,"summary":{"deliveryCharge":{"amount":1},"deliveryMessage":"2-3 days","deliveryProvider":"MERCHANT"}}}]}
            """, order);

        // 2024-01-01 and 2024-04-01 report Amazon delivery as PRIME; 2024-01-01 lists the grouped line items as associations.
        var old = await new OrderSetup(_server.Api, _target).Read(orderId,
            "lineItems { deliveryOffer { details { deliveryProvider deliveryCharge { amount } lineItemAssociations { amount { value } } } } }", ApiClient.V2024_01_01);
        JsonMatch.Assert("""
            {"lineItems":[{"deliveryOffer":{"details":{"deliveryProvider":"PRIME","deliveryCharge":{"amount":3},"lineItemAssociations":[{"amount":{"value":2}},{"amount":{"value":1}}]}}},
                          {"deliveryOffer":{"details":null}}]}
            """, old);
    }

    [Theory]
    [InlineData(ApiClient.V2024_01_01)]
    [InlineData(ApiClient.V2024_04_01)]
    [InlineData(ApiClient.V2024_11_01)]
    public async Task Every_order_field_resolves_in_every_version(string version)
    {
        var orderId = await CreateRichOrder();
        var selection = await SelectEverything(version, "Order");

        var response = await _server.Api.Send(_target, version,
            $"query($id: ID) {{ order(orderIdentifier: {{ orderId: $id }}) {{ {selection} }} }}", new JsonObject { ["id"] = orderId });

        var order = response.AssertSuccess().Data!["order"]!;
        Assert.Equal(orderId, (string?)order["id"]);
        Assert.Equal(2, order["lineItems"]!.AsArray().Count);
    }

    /// <summary>A selection of every field reachable from <paramref name="type"/>, entering each object type once per path.</summary>
    private async Task<string> SelectEverything(string version, string type)
    {
        var schema = (await _server.Api.Send(_target, version, """
            { __schema { types { name kind fields(includeDeprecated: true) { name args { name } type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
            """)).AssertSuccess().Data!["__schema"]!["types"]!.AsArray()
            .ToDictionary(t => (string)t!["name"]!, t => t!["fields"] as JsonArray);
        var text = new StringBuilder();
        Select(type, []);
        return text.ToString();

        void Select(string name, HashSet<string> path)
        {
            foreach (var field in schema[name] ?? [])
            {
                if (field!["args"]!.AsArray().Count > 0) continue;
                var fieldType = field["type"]!;
                while ((string?)fieldType["kind"] is "NON_NULL" or "LIST") fieldType = fieldType["ofType"]!;
                var target = (string)fieldType["name"]!;
                if ((string?)fieldType["kind"] is "INTERFACE" or "UNION") { text.Append((string)field["name"]!).Append(" { __typename } "); continue; }
                if ((string?)fieldType["kind"] != "OBJECT") { text.Append((string)field["name"]!).Append(' '); continue; }
                if (path.Contains(target)) continue;
                text.Append((string)field["name"]!).Append(" { __typename ");
                Select(target, [.. path, name, target]);
                text.Append("} ");
            }
        }
    }

    /// <summary>An order with two line items (an Amazon offer delivering both, a merchant summary, a bundle), payments,
    /// discounts, taxes, links, a refund with a payment, a return and a package.</summary>
    public async Task<string> CreateRichOrder()
    {
        var (previewId, offers) = await new CheckoutSetup(_server, _target).PrimeOffers(("mug", 2));
        var created = await _server.Api.Send(_target, ApiClient.V2024_11_01, """
            mutation { createOrder(input: {
              aliases: [{ aliasType: "EXTERNAL_ID", aliasId: "rich" }]
              customer: { id: "c-1", contact: { emailData: { name: "Jo", email: "jo@example.com" } } }
              recipient: { deliveryAddress: { name: "Jo", streetAddress: "1 Main St", locality: "Seattle", region: "WA", countryCode: "US", postalCode: "98109", contactNumber: "555" } }
              shopperIdentity: { apayCheckoutSessionId: { value: "s-1", externalId: "e-1" } }
              lineItems: [
                { aliases: [{ aliasType: "SKU", aliasId: "mug" }]
                  product: { title: "Mug", price: { amount: 10, currencyCode: "USD" }, identifier: { sku: "mug" }, imageUrl: "https://img/1", altText: "a mug",
                    productDetailPageUrl: "https://shop/mug", purchaseGroupMembership: { product: { identifier: { sku: "set" } } } }
                  amount: { value: 2 }
                  discounts: { summary: { amount: { amount: 1, currencyCode: "USD" }, displayString: "1 off" } }
                  taxes: { summary: { collectableTaxAmount: { amount: 0.5, currencyCode: "USD" } } }
                  payments: { details: [{ id: "p-line", amount: { amount: 19, currencyCode: "USD" }, paymentMethod: { displayString: "Visa", type: CARD }, state: CAPTURED }] }
                  selectedDeliveryOffer: { details: { id: "o-1", deliveryPreviewId: "SIP-1", deliveryProvider: AMAZON,
                    deliveryTerms: { isPrimeEligible: true, deliverySpeed: "STANDARD" }, deliveryCharge: { amount: 3, currencyCode: "USD" },
                    discounts: { summary: { amount: { amount: 3, currencyCode: "USD" } } },
                    deliveryFor: { orderLineItemAmounts: [{ lineItemId: { lineItemId: "mug" }, amount: { value: 2 } }, { lineItemId: { lineItemId: "card" }, amount: { value: 1 } }] } } } },
                { aliases: [{ aliasType: "SKU", aliasId: "card" }]
                  amount: { value: 1 }
                  selectedDeliveryOffer: { summary: { deliveryCharge: { amount: 1, currencyCode: "USD" }, deliveryMessage: "2-3 days", deliveryProvider: MERCHANT } } }]
              discounts: { summary: { amount: { amount: 2, currencyCode: "USD" }, displayString: "WELCOME" }, details: [{ amount: { amount: 2, currencyCode: "USD" }, couponCode: "WELCOME", aliases: [{ aliasType: "PROMO", aliasId: "w" }] }] }
              taxes: { summary: { collectableTaxAmount: { amount: 1, currencyCode: "USD" } } }
              payments: { details: [{ id: "p-1", amount: { amount: 20, currencyCode: "USD" }, paymentMethod: { displayString: "Visa", type: CARD }, state: CAPTURED,
                payer: { id: "payer-1", billingAddress: { name: "Jo", postalCode: "98109" }, contact: { emailData: { name: "Jo", email: "jo@example.com" } } } }] }
              totalPrice: { value: { amount: 24, currencyCode: "USD" } }
              orderLinks: [{ destinationType: EXTERNAL_ORDER_MANAGEMENT, url: "https://shop/orders/1", displayMessage: "Manage" }]
              desiredExecutionState: STARTED
            }) { order { id lineItems { id } packageInformation { details { id } } } } }
            """.Replace("\"o-1\"", $"\"{offers[0]}\"").Replace("\"SIP-1\"", $"\"{previewId}\""));
        var order = created.AssertSuccess().Data!["createOrder"]!["order"]!;
        var id = (string)order["id"]!;
        var setup = new OrderSetup(_server.Api, _target);
        var item = (string)order["lineItems"]![0]!["id"]!;
        var package = (string)order["packageInformation"]!["details"]![0]!["id"]!;
        (await setup.Update(id, JsonNode.Parse("""
            {"refunds":{"details":[{"aliases":[{"aliasType":"EXTERNAL_REFUND_ID","aliasId":"r-1"}],"state":"PARTIAL","refundRequestReason":"BILLING_ERROR",
              "refundStatusReason":"OTHERS","refundTotal":{"totalAmount":{"amount":5,"currencyCode":"USD"}},
              "refundFor":{"orderLineItems":[{"lineItemId":{"lineItemId":"<item>"},"refundedQuantity":{"amount":1}}]},
              "paymentDetails":[{"id":"rp-1","amount":{"amount":5,"currencyCode":"USD"},"paymentMethod":{"displayString":"Visa","type":"CARD"}}]}]},
             "returns":{"details":[{"aliases":[{"aliasType":"EXTERNAL-RETURN-ID","aliasId":"ret-1"}],
              "returnLineItems":[{"returnFor":{"orderLineItemAmounts":[{"lineItemId":{"lineItemId":"<item>"},"amount":{"value":1}}]}}]}]},
             "packageInformation":{"details":[{"id":"<package>","aliases":[{"aliasType":"EXTERNAL_ID","aliasId":"pkg-1"}]}]}}
            """.Replace("<item>", item).Replace("<package>", package))!.AsObject())).AssertSuccess();
        return id;
    }

    public Task InitializeAsync() => _server.InitializeAsync();
    public Task DisposeAsync() => _server.DisposeAsync();
}
