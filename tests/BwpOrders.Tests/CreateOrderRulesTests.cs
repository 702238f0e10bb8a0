using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// What createOrder requires, as BwP documents it: the product of an Amazon-fulfilled line, the offer and preview
/// ids of a Prime line, one of details or summary per offer, known line items in delivery groups, and inputs only
/// where the version documents them. A refused create stores nothing.
/// </summary>
public sealed class CreateOrderRulesTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly string _target = "bp-" + Guid.NewGuid();

    public static TheoryData<string, string, string> RefusedLines => new()
    {
        { "Amazon line without a product", """{ amount: { value: 1 }, selectedDeliveryOffer: { details: { deliveryProvider: AMAZON } } }""", "product's title, price, identifier" },
        { "Amazon line without a title", """{ amount: { value: 1 }, product: { price: { amount: 1, currencyCode: "USD" }, identifier: { sku: "s" } }, selectedDeliveryOffer: { details: { deliveryProvider: AMAZON } } }""", "product's title" },
        { "Amazon line without a price", """{ amount: { value: 1 }, product: { title: "t", identifier: { sku: "s" } }, selectedDeliveryOffer: { details: { deliveryProvider: AMAZON } } }""", "product's price" },
        { "Amazon line without an identifier", """{ amount: { value: 1 }, product: { title: "t", price: { amount: 1, currencyCode: "USD" } }, selectedDeliveryOffer: { details: { deliveryProvider: AMAZON } } }""", "product's identifier" },
        { "Prime line without offer ids", """{ amount: { value: 1 }, product: { title: "t", price: { amount: 1, currencyCode: "USD" }, identifier: { sku: "s" } }, selectedDeliveryOffer: { details: { deliveryProvider: AMAZON, deliveryTerms: { isPrimeEligible: true } } } }""", "deliveryPreviewId" },
        { "both details and summary", """{ amount: { value: 1 }, selectedDeliveryOffer: { details: { deliveryProvider: MERCHANT }, summary: { deliveryProvider: MERCHANT } } }""", "exactly one of details" },
        { "neither details nor summary", """{ amount: { value: 1 }, selectedDeliveryOffer: { } }""", "exactly one of details" },
        { "delivery group naming an unknown line item", """{ amount: { value: 1 }, selectedDeliveryOffer: { details: { deliveryProvider: MERCHANT, deliveryFor: { orderLineItemAmounts: [{ lineItemId: { lineItemId: "ghost" }, amount: { value: 1 } }] } } } }""", "no line item with id or alias id 'ghost'" },
    };

    [Theory]
    [MemberData(nameof(RefusedLines))]
    public async Task Refused_line_items_create_nothing(string why, string lineItem, string message)
    {
        var response = await server.Api.Send(_target, ApiClient.V2024_11_01, $$"""
            mutation { createOrder(input: { aliases: [{ aliasType: "EXTERNAL_ID", aliasId: "refused" }], lineItems: [{{lineItem}}] }) { order { id } } }
            """);

        var said = (string?)response.AssertError("ValidationError")["message"] ?? "";
        Assert.True(said.Contains(message) && said.Contains("lineItems[0]"), $"{why}: expected '{message}' about lineItems[0], got '{said}'");
        (await server.Api.Send(_target, null, """{ order(orderIdentifier: { alias: { aliasType: "EXTERNAL_ID", aliasId: "refused" } }) { id } }""")).AssertError("ResourceNotFoundError");
    }

    [Theory]
    [InlineData(ApiClient.V2024_01_01, """{ purchasedItem: { title: "t", itemId: { SKU: "s" }, price: { currentPrice: { amount: 1, currencyCode: "USD" } } }, quantity: { amount: 1 }, selectedDeliveryOffer: { details: { deliveryProvider: BUY_WITH_PRIME } } }""")]
    [InlineData(ApiClient.V2024_04_01, """{ product: { title: "t", identifier: { sku: "s" }, price: { amount: 1, currencyCode: "USD" } }, amount: { value: 1 }, selectedDeliveryOffer: { details: { deliveryProvider: BUY_WITH_PRIME } } }""")]
    public async Task Before_2024_11_01_a_buy_with_prime_line_is_prime_and_needs_its_offer_ids(string version, string lineItem)
    {
        var response = await server.Api.Send(_target, version, $$"""
            mutation { createOrder(input: { customer: { contact: { emailData: { name: "Jo" } } }, lineItems: [{{lineItem}}] }) { order { id } } }
            """);

        Assert.Contains("deliveryPreviewId", (string?)response.AssertError("ValidationError", "InvalidInput")["message"]);
    }

    [Fact]
    public async Task A_merchant_line_needs_no_product_and_a_summary_offer_is_enough()
    {
        var response = await server.Api.Send(_target, ApiClient.V2024_11_01, """
            mutation { createOrder(input: { lineItems: [{ amount: { value: 3 }, selectedDeliveryOffer: { summary: { deliveryProvider: MERCHANT } } }] }) { order { lineItems { amount { value } } } } }
            """);

        JsonMatch.Assert("""{"createOrder":{"order":{"lineItems":[{"amount":{"value":3}}]}}}""", response.AssertSuccess().Data);
    }

    [Theory]
    [InlineData(ApiClient.V2024_04_01, true)]
    [InlineData(ApiClient.V2024_11_01, true)]
    [InlineData(ApiClient.V2024_01_01, false)]
    public async Task Shopper_identity_is_accepted_where_documented(string version, bool documented)
    {
        var lineItem = version == ApiClient.V2024_01_01
            ? """{ quantity: { amount: 1 }, selectedDeliveryOffer: { details: { deliveryProvider: MERCHANT } } }"""
            : """{ amount: { value: 1 }, selectedDeliveryOffer: { details: { deliveryProvider: MERCHANT } } }""";
        var response = await server.Api.Send(_target, version, $$"""
            mutation { createOrder(input: { customer: { contact: { emailData: { name: "Jo" } } }, lineItems: [{{lineItem}}],
              shopperIdentity: { apayCheckoutSessionId: { value: "session", externalId: "ext" } } }) { order { id } } }
            """);

        if (documented) response.AssertSuccess();
        else Assert.Contains("shopperIdentity", (string?)response.AssertError("ValidationError", "ArgumentsOfCorrectType")["message"]);
    }

    public static TheoryData<string, string, string> ShopperIdentities => new()
    {
        // The documented 2024-11-01 forms, typed as a merchant's variables name them (IdentityTokenInput).
        { ApiClient.V2024_11_01, """{"lwaAccessToken":{"value":"eyJ0eXBlIjoiQUNDRVNTX1RPS0VOIn0="}}""", "" },
        { ApiClient.V2024_11_01, """{"apayCheckoutSessionId":{"value":"session","externalId":"ext"}}""", "" },
        { ApiClient.V2024_04_01, """{"apayCheckoutSessionId":{"value":"session","externalId":"ext"}}""", "" },
        // Both Amazon Pay fields are required.
        { ApiClient.V2024_11_01, """{"apayCheckoutSessionId":{"value":"session"}}""", "ValidationError" },
        { ApiClient.V2024_04_01, """{"apayCheckoutSessionId":{"externalId":"ext"}}""", "ValidationError" },
        { ApiClient.V2024_11_01, """{"apayCheckoutSessionId":{"value":"","externalId":"ext"}}""", "InvalidInput" },
        // 2024-11-01 documents the old token fields as "No longer supported".
        { ApiClient.V2024_11_01, """{"idPToken":"token","identityProvider":"LWA"}""", "InvalidInput" },
        // LWA tokens came with 2024-11-01.
        { ApiClient.V2024_04_01, """{"lwaAccessToken":{"value":"token"}}""", "ValidationError" },
    };

    [Theory]
    [MemberData(nameof(ShopperIdentities))]
    public async Task Shopper_identity_takes_the_documented_IdentityTokenInput(string version, string identity, string refusal)
    {
        var lineItem = """{ amount: { value: 1 }, selectedDeliveryOffer: { details: { deliveryProvider: MERCHANT } } }""";
        var response = await server.Api.Send(_target, version, $$"""
            mutation($shopper: IdentityTokenInput) { createOrder(input: { customer: { contact: { emailData: { name: "Jo" } } }, lineItems: [{{lineItem}}],
              shopperIdentity: $shopper }) { order { id } } }
            """, new JsonObject { ["shopper"] = JsonNode.Parse(identity) });

        if (refusal == "") response.AssertSuccess();
        else if (refusal == "InvalidInput") Assert.Contains("shopperIdentity", (string?)response.AssertError("ValidationError", refusal)["message"]);
        else Assert.Equal(refusal, (string?)response.Errors[0]!["extensions"]!["classification"]!["type"]);
    }

    [Fact]
    public async Task A_line_items_product_reads_back_in_the_shape_of_BwPs_payloads_and_has_no_reversal_offers()
    {
        var created = await server.Api.Send(_target, ApiClient.V2024_11_01, """
            mutation { createOrder(input: { lineItems: [{ product: { title: "Mug", price: { amount: 12.5, currencyCode: "USD" },
              identifier: { sku: "MUG-1", productId: "p-1", externalId: "x-1" }, imageUrl: "https://img.example/mug.png", altText: "A mug" },
              amount: { value: 1 }, selectedDeliveryOffer: { details: { deliveryProvider: AMAZON } } }] }) { order { id } } }
            """);
        var id = (string)created.AssertSuccess().Data!["createOrder"]!["order"]!["id"]!;

        var read = await server.Api.Send(_target, ApiClient.V2024_11_01, $$"""
            { order(orderIdentifier: { orderId: "{{id}}" }) { lineItems { reversalOffers { details { resolutionType } }
              product { amazonSku { value } externalId { value } image { altText displayReadyUrl sourceUrl } offerPrime
                price { amount currencyCode } productId { value } sku { value } title } } } }
            """);
        JsonMatch.Assert("""
            {"order":{"lineItems":[{"reversalOffers":null,"product":{"amazonSku":null,"externalId":{"value":"x-1"},
              "image":{"altText":"A mug","displayReadyUrl":"https://img.example/mug.png","sourceUrl":"https://img.example/mug.png"},
              "offerPrime":false,"price":{"amount":12.5,"currencyCode":"USD"},"productId":{"value":"p-1"},"sku":{"value":"MUG-1"},"title":"Mug"}}]}}
            """, read.AssertSuccess().Data);
    }
}
