using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>The Offers interface (2024-11-01): an offer for catalog products, and the order made from it.</summary>
public sealed class OffersTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly CheckoutSetup _checkout = new(server, "bp-" + Guid.NewGuid());

    private const string Address = """{ name: "Jo Smith", streetAddress: "410 Terry Ave N", locality: "Seattle", region: "WA", countryCode: "US", postalCode: "98109" }""";

    private async Task<(string OfferId, string ProductId)> Offer()
    {
        await _checkout.Import(new JsonObject
        {
            ["products"] = new JsonArray(new JsonObject
            {
                ["id"] = "offerprod00001", ["sku"] = "prime_item_a", ["amazonSku"] = "prime_item_a", ["offerPrime"] = true, ["title"] = "Prime item A",
                ["price"] = new JsonObject { ["amount"] = 19.99, ["currencyCode"] = "USD" },
            }),
        });
        var offers = (await _checkout.Send(ApiClient.V2024_11_01, $$"""
            { offers(input: { lineItems: [{ product: { productId: "offerprod00001" }, amount: { unit: "ONE", value: 2 }, deliveryTerms: { isPrimeEligible: true } }],
                location: { shippingAddress: {{Address}} } }) {
              edges { node { id lineItems { product { id sku { value } price { currentPrice { amount } } } amount { value } deliveryOffer { id terms { isPrimeEligible } } } } } } }
            """)).AssertSuccess().Data!["offers"]!;
        var node = offers["edges"]![0]!["node"]!;
        JsonMatch.Assert("""
            {"id":"<id>","lineItems":[{"product":{"id":"offerprod00001","sku":{"value":"prime_item_a"},"price":{"currentPrice":{"amount":19.99}}},"amount":{"value":2},
              "deliveryOffer":{"id":"<id>","terms":{"isPrimeEligible":true}}}]}
            """, node);
        return ((string)node["id"]!, "offerprod00001");
    }

    [Fact]
    public async Task An_order_from_an_offer_has_its_products_first_then_the_additional_line_items()
    {
        var (offerId, productId) = await Offer();

        var order = (await _checkout.Send(ApiClient.V2024_11_01, $$"""
            mutation { createOrderFromOffer(input: { baseOfferId: "{{offerId}}", desiredExecutionState: STARTED,
                additionalLineItems: [{ product: { title: "Gift card", price: { amount: 5, currencyCode: "USD" } }, amount: { value: 1 },
                  selectedDeliveryOffer: { summary: { deliveryProvider: MERCHANT } } }] }) {
              order { lineItems { product { title productId { value } price { amount } } amount { value } deliveryOffer { details { deliveryPreviewId deliveryTerms { isPrimeEligible } } } }
                recipient { deliveryAddress { postalCode } } metadata { executionState } } } }
            """)).AssertSuccess().Data!["createOrderFromOffer"]!["order"]!;

        JsonMatch.Assert("""
            {"lineItems":[
              {"product":{"title":"Prime item A","productId":{"value":"<product>"},"price":{"amount":19.99}},"amount":{"value":2},
               "deliveryOffer":{"details":{"deliveryPreviewId":"<offer>","deliveryTerms":{"isPrimeEligible":true}}}},
              {"product":{"title":"Gift card","productId":null,"price":{"amount":5}},"amount":{"value":1},"deliveryOffer":{"details":null}}],
             "recipient":{"deliveryAddress":{"postalCode":"98109"}},"metadata":{"executionState":"STARTED"}}
            """, order, new Dictionary<string, string> { ["product"] = productId, ["offer"] = offerId });
    }

    [Fact]
    public async Task An_unknown_offer_or_another_address_is_refused_and_nothing_is_created()
    {
        var (offerId, _) = await Offer();

        (await _checkout.Send(ApiClient.V2024_11_01, """mutation { createOrderFromOffer(input: { baseOfferId: "no-such-offer" }) { order { id } } }"""))
            .AssertError("ResourceNotFoundError");
        (await _checkout.Send(ApiClient.V2024_11_01, $$$"""
            mutation { createOrderFromOffer(input: { baseOfferId: "{{{offerId}}}", recipient: { deliveryAddress: { name: "Jo", streetAddress: "1 Main St", locality: "Portland", region: "OR", postalCode: "97201" } } }) { order { id } } }
            """)).AssertError("ValidationError", "AddressMismatch");
        var other = new CheckoutSetup(server, "bp-other-" + Guid.NewGuid());
        (await other.Send(ApiClient.V2024_11_01, $$"""mutation { createOrderFromOffer(input: { baseOfferId: "{{offerId}}" }) { order { id } } }"""))
            .AssertError("ResourceNotFoundError");
    }

    [Fact]
    public async Task An_offer_line_shows_its_products_return_policy_as_reversal_offers()
    {
        await _checkout.Import(new JsonObject
        {
            ["products"] = new JsonArray(
                new JsonObject { ["id"] = "returnable0001", ["sku"] = "mug", ["amazonSku"] = "mug", ["offerPrime"] = true },
                new JsonObject { ["id"] = "finalsale00001", ["sku"] = "final-sale", ["amazonSku"] = "final-sale", ["offerPrime"] = true, ["returnable"] = false }),
        });

        var lines = (await _checkout.Send(ApiClient.V2024_11_01, $$"""
            { offers(input: { lineItems: [{ product: { sku: "mug" }, amount: { value: 1 } }, { product: { sku: "final-sale" }, amount: { value: 1 } }],
                location: { shippingAddress: {{Address}} } }) {
              edges { node { lineItems { product { id } reversalOffers { details {
                message { title { value locale } description { value locale } } resolutionType reversalOfferFor { orderLineItemAmounts { lineItem { id } } }
                window { endDate duration { unit value } } } } } } } } }
            """)).AssertSuccess().Data!["offers"]!["edges"]![0]!["node"]!["lineItems"]!;

        // The words and window of BwP's reversalOffers example; a product BwP does not take back has no reversal offer.
        JsonMatch.Assert("""
            [{"product":{"id":"returnable0001"},"reversalOffers":{"details":[{
               "message":{"title":{"value":"Free 30-day returns","locale":"en-US"},"description":{"value":"This item is eligible for free 30-day returns through Buy with Prime","locale":"en-US"}},
               "resolutionType":"RETURN","reversalOfferFor":null,"window":{"endDate":null,"duration":{"unit":"day","value":30}}}]}},
             {"product":{"id":"finalsale00001"},"reversalOffers":{"details":[]}}]
            """, lines);
        // The same policy the reversalOffers query answers for these products.
        var summaries = (await _checkout.Send(ApiClient.V2024_11_01, """
            { reversalOffers(reversalOffersInput: { items: [{ id: { SKU: "mug" } }, { id: { SKU: "final-sale" } }] }) { reversalOfferCollection { summary { resolutionTypes } } } }
            """)).AssertSuccess().Data!["reversalOffers"]!["reversalOfferCollection"]!;
        JsonMatch.Assert("""[{"summary":{"resolutionTypes":["RETURN"]}},{"summary":{"resolutionTypes":[]}}]""", summaries);
    }

    [Fact]
    public async Task Only_the_newest_version_has_offers()
    {
        var response = await _checkout.Send(ApiClient.V2024_04_01, """{ offers(input: { lineItems: [] }) { edges { cursor } } }""");
        Assert.Contains("offers", (string?)response.Errors[0]!["message"]);
    }
}
