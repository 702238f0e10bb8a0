using System.Net;
using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// The checkout end to end over HTTP: a catalog import, the shopper's eligibility, a delivery preview, and createOrder
/// with the preview's ids; then each way a Prime line is refused (another address, an expired preview, a non-Prime
/// shopper, an unknown offer, another target's preview) and each way a preview is refused (out of stock, not Prime).
/// </summary>
public sealed class CheckoutFlowTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly CheckoutSetup _checkout = new(server, "bp-" + Guid.NewGuid());

    private const string Address = """{ name: "John Smith", streetAddress: "410 Terry Ave N", locality: "Seattle", region: "WA", countryCode: "US", postalCode: "98109" }""";

    private async Task ImportCatalog() => await _checkout.Import(new JsonObject
    {
        ["products"] = new JsonArray(
            new JsonObject { ["sku"] = "prime_item_a", ["amazonSku"] = "prime_item_a", ["offerPrime"] = true, ["title"] = "Prime item A", ["price"] = new JsonObject { ["amount"] = 20, ["currencyCode"] = "USD" }, ["buyableQuantity"] = 10 },
            new JsonObject { ["sku"] = "sold_out", ["amazonSku"] = "sold_out", ["offerPrime"] = true, ["buyableQuantity"] = 0 },
            new JsonObject { ["sku"] = "merchant_only", ["amazonSku"] = "merchant_only", ["offerPrime"] = false }),
    });

    /// <summary>A 2024-11-01 preview of one prime_item_a for the shopper <paramref name="token"/> at <paramref name="address"/>: its id and offer id.</summary>
    private async Task<(string PreviewId, string OfferId, JsonNode Offer)> Preview(string token = SandboxTokens.LwaPrime, string address = Address, string sku = "prime_item_a", int amount = 1)
    {
        var response = await _checkout.Send(ApiClient.V2024_11_01, $$"""
            { deliveryPreview(input: { products: [{ productIdentifier: { sku: "{{sku}}" }, amount: { value: {{amount}} } }],
                location: { shippingAddress: {{address}} }, shopperIdentity: { lwaAccessToken: { value: "{{token}}" } }, terms: { isPrimeEligible: true } }) {
              id deliveryGroups { products { productIdentifier { __typename value } amount { value } } deliveryOffers { id expiresAt terms { isPrimeEligible } date { earliest latest } policy { messaging { badge messageText } } } } } }
            """);
        var preview = response.AssertSuccess().Data!["deliveryPreview"]!;
        var offer = preview["deliveryGroups"]![0]!["deliveryOffers"]![0]!;
        return ((string)preview["id"]!, (string)offer["id"]!, offer);
    }

    private Task<GraphQLResponse> CreateOrder(string previewId, string offerId, string token = SandboxTokens.LwaPrime, string address = Address, string sku = "prime_item_a", int amount = 1, CheckoutSetup? as_ = null) =>
        (as_ ?? _checkout).Send(ApiClient.V2024_11_01, $$"""
            mutation { createOrder(input: {
              lineItems: [{ product: { identifier: { sku: "{{sku}}" }, title: "Prime item A", price: { amount: 20, currencyCode: "USD" } }, amount: { value: {{amount}} },
                selectedDeliveryOffer: { details: { id: "{{offerId}}", deliveryPreviewId: "{{previewId}}", deliveryProvider: AMAZON, deliveryTerms: { isPrimeEligible: true } } } }]
              customer: { contact: { emailData: { name: "John Smith", email: "john@example.com" } } }
              recipient: { deliveryAddress: {{address}} }
              shopperIdentity: { lwaAccessToken: { value: "{{token}}" } }
              desiredExecutionState: STARTED }) { order { id lineItems { deliveryOffer { details { id deliveryPreviewId } } } } } }
            """);

    [Fact]
    public async Task A_prime_shopper_previews_and_orders_with_the_previews_ids()
    {
        await ImportCatalog();
        var eligibility = (await _checkout.Send(ApiClient.V2024_11_01, $$"""{ shopperBwPEligibility(identityToken: { lwaAccessToken: { value: "{{SandboxTokens.LwaPrime}}" } }) { bwpEligibilityStatus } }"""))
            .AssertSuccess().Data!["shopperBwPEligibility"]!;
        Assert.Equal("PRIME", (string?)eligibility["bwpEligibilityStatus"]);

        var (previewId, offerId, offer) = await Preview();
        Assert.True((bool)offer["terms"]!["isPrimeEligible"]!);
        Assert.Equal("PRIME", (string?)offer["policy"]!["messaging"]!["badge"]);
        Assert.NotNull((string?)offer["expiresAt"]); // a signed-in shopper with a complete address

        var order = (await CreateOrder(previewId, offerId)).AssertSuccess().Data!["createOrder"]!["order"]!;
        Assert.Equal(previewId, (string?)order["lineItems"]![0]!["deliveryOffer"]!["details"]!["deliveryPreviewId"]);
    }

    [Fact]
    public async Task Another_address_is_an_address_mismatch()
    {
        await ImportCatalog();
        var (previewId, offerId, _) = await Preview();

        var response = await CreateOrder(previewId, offerId, address: """{ name: "John Smith", streetAddress: "1 Main St", locality: "Portland", region: "OR", countryCode: "US", postalCode: "97201" }""");

        Assert.StartsWith("input.recipient.deliveryAddress:", (string?)response.AssertError("ValidationError", "AddressMismatch")["message"]);
    }

    [Fact]
    public async Task An_expired_preview_is_refused_after_the_targets_clock_passes_its_expiry()
    {
        await ImportCatalog();
        var (previewId, offerId, _) = await Preview();
        var (status, _) = await server.Api.Control(HttpMethod.Post, "/clock/advance", _checkout.Target, new JsonObject { ["seconds"] = 31 * 60 },
            bearer: await server.Tokens.WithAllScopes(_checkout.Target));
        Assert.Equal(HttpStatusCode.OK, status);

        (await CreateOrder(previewId, offerId)).AssertError("ValidationError", "DeliveryOfferExpired");
    }

    [Fact]
    public async Task A_non_prime_shopper_gets_standard_delivery_which_cannot_be_ordered_as_prime()
    {
        await ImportCatalog();
        var (previewId, offerId, offer) = await Preview(SandboxTokens.LwaNonPrime);
        Assert.False((bool)offer["terms"]!["isPrimeEligible"]!);
        Assert.Null((string?)offer["policy"]!["messaging"]!["badge"]);

        (await CreateOrder(previewId, offerId, SandboxTokens.LwaNonPrime)).AssertError("ValidationError", "InvalidDeliveryOffer");
    }

    [Fact]
    public async Task The_order_must_be_for_the_previewed_shopper_product_and_amount()
    {
        await ImportCatalog();
        var (previewId, offerId, _) = await Preview();

        (await CreateOrder(previewId, offerId, SandboxTokens.ApayPrime.Replace("prime", "x"))).AssertError("ValidationError", "ShopperIdentityMismatch");
        (await CreateOrder(previewId, offerId, amount: 2)).AssertError("ValidationError", "InvalidDeliveryOffer");
        (await CreateOrder(previewId, "not-an-offer")).AssertError("ValidationError", "InvalidDeliveryOffer");
        (await CreateOrder(previewId, offerId, as_: new CheckoutSetup(server, "bp-other-" + Guid.NewGuid()))).AssertError("ValidationError", "InvalidDeliveryOffer");
    }

    [Theory]
    [InlineData("sold_out", "ProductOutOfStock")]
    [InlineData("merchant_only", "ProductNotPrimeEnabled")]
    public async Task Products_bwp_cannot_deliver_with_prime_get_no_preview(string sku, string code)
    {
        await ImportCatalog();
        var response = await _checkout.Send(ApiClient.V2024_11_01, $$"""
            { deliveryPreview(input: { products: [{ productIdentifier: { sku: "{{sku}}" }, amount: { value: 1 } }], location: { shippingAddress: { postalCode: "98103" } } }) { id } }
            """);
        Assert.StartsWith("input.products[0]:", (string?)response.AssertError("ValidationError", code)["message"]);

        var tooMany = await _checkout.Send(ApiClient.V2024_11_01, """{ deliveryPreview(input: { products: [{ productIdentifier: { sku: "prime_item_a" }, amount: { value: 11 } }] }) { id } }""");
        tooMany.AssertError("ValidationError", "ProductAmountUnavailable");
        (await _checkout.Send(ApiClient.V2024_11_01, """{ deliveryPreview(input: { products: [{ productIdentifier: { sku: "nope" }, amount: { value: 1 } }] }) { id } }"""))
            .AssertError("ResourceNotFoundError");
    }

    [Theory]
    [InlineData("""{ postalCode: "9810" }""", "InvalidAddress")]
    [InlineData("""{ streetAddress: "1 Calle", locality: "San Juan", region: "PR", postalCode: "00901" }""", "InvalidDestination")]
    public async Task Addresses_bwp_does_not_deliver_to_are_refused(string address, string code)
    {
        await ImportCatalog();
        var response = await _checkout.Send(ApiClient.V2024_11_01, $$"""
            { deliveryPreview(input: { products: [{ productIdentifier: { sku: "prime_item_a" }, amount: { value: 1 } }], location: { shippingAddress: {{address}} } }) { id } }
            """);
        response.AssertError("ValidationError", code);
    }

    [Fact]
    public async Task Earlier_versions_shape_the_input_their_way()
    {
        await ImportCatalog();
        var old = await _checkout.Send(ApiClient.V2024_01_01, """
            { deliveryPreview(input: { items: [{ itemIdentifier: { SKU: "prime_item_a" }, amount: { unit: "UNIT", value: 1 } }],
                terms: { location: { shippingAddress: { streetAddress: "410 Terry Ave N", locality: "Seattle", region: "WA", postalCode: "98109" } } } }) {
              id deliveryGroups { items { itemIdentifier { __typename value } amount { unit value } } deliveryOffers { id charge { totalPrice { amount } } price { totalPrice { amount currencyCode } } expiresAt } } } }
            """);
        var group = old.AssertSuccess().Data!["deliveryPreview"]!["deliveryGroups"]![0]!;
        JsonMatch.Assert("""{"itemIdentifier":{"__typename":"SkuItemIdentifier","value":"prime_item_a"},"amount":{"unit":"UNIT","value":1}}""", group["items"]![0]);
        Assert.Null((string?)group["deliveryOffers"]![0]!["expiresAt"]); // no shopper: BwP shows no expiry

        (await _checkout.Send(ApiClient.V2024_01_01, """{ deliveryPreview(input: { items: [{ itemIdentifier: { SKU: "sold_out" }, amount: { value: 1 } }] }) { id } }"""))
            .AssertError("ValidationError", "ItemAmountUnavailable");
    }

    [Fact]
    public async Task Reversal_offers_follow_the_catalogs_return_policy_by_sku_and_amazon_sku()
    {
        await _checkout.Import(new JsonObject
        {
            ["products"] = new JsonArray(
                new JsonObject { ["sku"] = "mug", ["amazonSku"] = "AMZ-MUG", ["offerPrime"] = true },
                new JsonObject { ["sku"] = "final-sale", ["amazonSku"] = "AMZ-FINAL", ["offerPrime"] = true, ["returnable"] = false }),
        });

        var response = await _checkout.Send(ApiClient.V2024_11_01, """
            { reversalOffers(reversalOffersInput: { items: [{ id: { SKU: "mug" } }, { id: { mSKU: { marketplaceId: "ATVPDKIKX0DER", value: "AMZ-FINAL" } } }] }) {
                reversalOfferCollection { summary { resolutionTypes } } } }
            """);

        JsonMatch.Assert("""{"reversalOffers":{"reversalOfferCollection":[{"summary":{"resolutionTypes":["RETURN"]}},{"summary":{"resolutionTypes":[]}}]}}""",
            response.AssertSuccess().Data);
    }

    [Fact]
    public async Task A_shopper_cannot_return_a_product_whose_catalog_return_policy_takes_no_returns()
    {
        await _checkout.Import(new JsonObject
        {
            ["products"] = new JsonArray(
                new JsonObject { ["sku"] = "cup", ["amazonSku"] = "AMZ-CUP", ["offerPrime"] = true },
                new JsonObject { ["sku"] = "final-sale", ["amazonSku"] = "AMZ-FINAL", ["offerPrime"] = true, ["returnable"] = false }),
        });
        var (previewId, offers) = await _checkout.Preview(("cup", 1), ("final-sale", 1));
        var orderId = await _checkout.Order(previewId, offers, ("cup", 1), ("final-sale", 1));
        var bwp = new BwpSide(server.Api, _checkout.Target);
        await bwp.DeliverAll(orderId);
        var lines = (await _checkout.Send(ApiClient.V2024_11_01, $$"""{ order(orderIdentifier: { orderId: "{{orderId}}" }) { lineItems { id product { sku { value } } } } }"""))
            .AssertSuccess().Data!["order"]!["lineItems"]!.AsArray().ToDictionary(l => (string)l!["product"]!["sku"]!["value"]!, l => (string)l!["id"]!);

        var (status, refused) = await server.Api.Control(HttpMethod.Post, $"/orders/{orderId}/returns", _checkout.Target, new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject { ["lineItemId"] = lines["final-sale"], ["amount"] = 1, ["reasonCode"] = "NO_LONGER_NEEDED" }),
        });

        Assert.True(status == HttpStatusCode.BadRequest, refused.ToJsonString());
        Assert.Contains("ItemNotReturnable", refused.ToJsonString());
        Assert.Contains("return policy", refused.ToJsonString());
        var (returnId, _, _) = await bwp.StartReturn(orderId, lines["cup"]);
        var returns = (await _checkout.Send(ApiClient.V2024_11_01, $$"""{ order(orderIdentifier: { orderId: "{{orderId}}" }) { returns { details { id } } } }""")).AssertSuccess();
        Assert.Equal([returnId], returns.Data!["order"]!["returns"]!["details"]!.AsArray().Select(r => (string)r!["id"]!));
    }
}
