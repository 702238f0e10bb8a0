using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// The deliveryPreview and shopperBwPEligibility examples of BwP's reference pages and guides (DocExamples/CHECKOUT.md),
/// sent as written against a catalog holding the example's product, and checked against the documented response;
/// ids, dates and the date's message are the server's own.
/// </summary>
public sealed class CheckoutDocExampleTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly VerbatimRequests Docs = new("DocExamples");
    private readonly CheckoutSetup _checkout = new(server, "bp-" + Guid.NewGuid());

    /// <summary>BwP's sandbox SKU of the reference examples, and the guides' sample product ("In Search of Lost Time", SKU 12345).</summary>
    private Task ImportExampleProducts() => _checkout.Import(new JsonObject
    {
        ["products"] = new JsonArray(
            new JsonObject { ["sku"] = "prime_item_a", ["amazonSku"] = "prime_item_a", ["offerPrime"] = true },
            new JsonObject { ["sku"] = "12345", ["amazonSku"] = "12345", ["externalId"] = "external-listing-id", ["offerPrime"] = true, ["title"] = "In Search of Lost Time" }),
    });

    [Fact]
    public async Task V2024_04_01_get_estimated_delivery_preview_with_shipping_location_and_no_shopper_identity()
    {
        await ImportExampleProducts();
        const string name = "2024-04-01/deliveryPreview.get-estimated-delivery-preview-with-shipping-location-and-no-shopper-identity";

        var response = await _checkout.Send(ApiClient.V2024_04_01, Docs.Request(name));

        JsonMatch.Assert(ServerValues(JsonNode.Parse(Docs.Response(name))!).ToJsonString(), response.AssertSuccess().Body);
    }

    [Fact]
    public async Task V2024_11_01_get_estimated_delivery_preview_with_shipping_location_and_no_shopper_identity()
    {
        await ImportExampleProducts();
        var response = await _checkout.Send(ApiClient.V2024_11_01,
            Docs.Request("2024-11-01/deliveryPreview.get-estimated-delivery-preview-with-shipping-location-and-no-shopper-identity"));

        // The page's response is cut at the offer's terms; it is the 2024-04-01 one plus terms, which the part shown begins.
        var expected = ServerValues(JsonNode.Parse(Docs.Response("2024-04-01/deliveryPreview.get-estimated-delivery-preview-with-shipping-location-and-no-shopper-identity"))!);
        var offer = expected["data"]!["deliveryPreview"]!["deliveryGroups"]![0]!["deliveryOffers"]![0]!.AsObject();
        offer.Insert(3, "terms", new JsonObject { ["isPrimeEligible"] = true });
        JsonMatch.Assert(expected.ToJsonString(), response.AssertSuccess().Body);
    }

    [Fact]
    public async Task V2024_11_01_guide_create_a_delivery_preview_with_no_shopper_data_or_delivery_location_information()
    {
        await ImportExampleProducts();
        // The guide's variables are a JavaScript sketch cut after "amount" (SKU: inSearchOfLostTime.sku); these are they,
        // with the reference's sku for the sketch's upper-case SKU, which ProductIdentifierInput does not have.
        var variables = JsonNode.Parse("""{"input":{"products":[{"productIdentifier":{"sku":"12345"},"amount":{"value":1}}]}}""")!.AsObject();

        var response = await server.Api.Send(_checkout.Target, ApiClient.V2024_11_01,
            Docs.GuideRequest("2024-11-01/deliveryPreview.guide-create-a-delivery-preview-with-no-shopper-data-or-delivery-location-information"),
            variables, bearer: await server.Tokens.WithAllScopes(_checkout.Target));

        JsonMatch.Assert("""
            {"data":{"deliveryPreview":{"id":"<id>","deliveryGroups":[{"id":"<id>","deliveryOffers":[{"id":"<id>","date":{"earliest":"<timestamp>","latest":"<timestamp>"},
              "policy":{"messaging":{"messageText":"<id>","locale":"en-US","badge":"PRIME"}},"expiresAt":null}]}]}}}
            """, response.AssertSuccess().Body);
    }

    [Fact]
    public async Task V2024_01_01_guide_get_a_delivery_preview_for_a_single_item()
    {
        await ImportExampleProducts();
        // The guide's variables are a JavaScript sketch ("unit:" "UNIT", SKU: inSearchOfLostTime.sku) cut in the postal code: as meant.
        var variables = JsonNode.Parse("""
            {"input":{"items":[{"itemIdentifier":{"SKU":"12345"},"amount":{"unit":"UNIT","value":1}}],
              "terms":{"location":{"shippingAddress":{"streetAddress":"410 Terry Ave N","locality":"Seattle","region":"WA","postalCode":"98109"}}}}}
            """)!.AsObject();

        var response = await server.Api.Send(_checkout.Target, ApiClient.V2024_01_01,
            Docs.GuideRequest("2024-01-01/deliveryPreview.guide-get-a-delivery-preview-for-a-single-item"), variables, bearer: await server.Tokens.WithAllScopes(_checkout.Target));

        // The guide's sample response shows this selection's shape (it is cut in the items, which this request does not ask for).
        JsonMatch.Assert("""
            {"data":{"deliveryPreview":{"id":"<id>","deliveryGroups":[{"id":"<id>","deliveryOffers":[{"id":"<id>","date":{"earliest":"<timestamp>","latest":"<timestamp>"},
              "policy":{"messaging":{"messageText":"<id>","locale":"en-US","badge":"PRIME"}},"expiresAt":null}]}]}}}
            """, response.AssertSuccess().Body);
    }

    [Theory]
    [InlineData("lwa-token", "lwaAccessToken: {\n                value: \"tc2hvcHBlciyJ0eXBlIjoiQ0hFQ0tPVVRfU0VTU0lPTl9JRCIsInZ02Mjg4N2U3My03ZmY3LTRkYmMehbHVlIjoic2Fsc2EtdGVzdC1ub24tcHJpbWUtODU5ZC0zMWQxYWc4ZjgyZmUifQ==\"", SandboxTokens.LwaPrime)]
    [InlineData("apay-token", "value: \"tcBlIjoiQ0hTU0lPTl9JRCIsInZ02Mjg4N2U3My03ZmY3LTRkYmMehbHVlIjoic2Fsc2EtdGVzdC1ub24tcHJpbWUtODU5ZC0zMWQxYWc4Zj2hvcHBlciyJ0eXFQ0tPVVRfU0VgyZmUifQ\"", SandboxTokens.ApayPrime)]
    public async Task V2024_11_01_query_shopper_buy_with_prime_eligibility(string example, string scrambled, string sandboxToken)
    {
        var name = $"2024-11-01/shopperBwPEligibility.query-shopper-buy-with-prime-eligibility-with-{example}";
        // The page's token is a scrambled sample that BwP's sandbox refuses too ("you must use one of the sandbox shopper
        // identity tokens"): the Prime member's sandbox token takes its place, as the documented PRIME answer implies.
        var request = Docs.Request(name);
        Assert.Contains(scrambled.Split('"')[1], request);
        var response = await _checkout.Send(ApiClient.V2024_11_01, request.Replace(scrambled.Split('"')[1], sandboxToken));

        var expected = JsonNode.Parse(Docs.Response(name))!;
        expected["data"]!["shopperBwPEligibility"]!["shopperId"] = "<id>";
        JsonMatch.Assert(expected["data"]!.ToJsonString(), response.AssertSuccess().Data);
    }

    [Fact]
    public async Task V2024_11_01_guide_offers_on_product_detail_pages()
    {
        await ImportExampleProducts();
        var productId = (string)(await _checkout.Send(ApiClient.V2024_11_01, """{ product(identifier: { sku: "prime_item_a" }) { id } }""")).AssertSuccess().Data!["product"]!["id"]!;
        // The page is cut inside the selection, after `product {`: it is closed there, selecting the product's id.
        var request = Docs.PartialRequest("2024-11-01/offers.guide-offers-on-product-detail-pages", new Dictionary<string, string> { ["example-product-id"] = productId })
            + " id } } } } } }";

        // As printed, isPrimeEligible is the string "true": DeliveryTermsInput's isPrimeEligible is a Boolean (createOrder's
        // examples send it bare), so a GraphQL server refuses it; with the Boolean it answers the offer.
        Assert.Contains("isPrimeEligible", (string?)(await _checkout.Send(ApiClient.V2024_11_01, request)).AssertError("ValidationError")["message"]);
        var response = await _checkout.Send(ApiClient.V2024_11_01, request.Replace("isPrimeEligible: \"true\"", "isPrimeEligible: true"));

        JsonMatch.Assert("""{"offers":{"edges":[{"node":{"id":"<id>","lineItems":[{"product":{"id":"<product>"}}]}}]}}""", response.AssertSuccess().Data,
            new Dictionary<string, string> { ["product"] = productId });
    }

    /// <summary>The documented response with the values that are the server's own (ids, dates, the date's message) as placeholders.</summary>
    private static JsonNode ServerValues(JsonNode response)
    {
        var preview = response["data"]!["deliveryPreview"]!;
        preview["id"] = "<id>";
        foreach (var group in preview["deliveryGroups"]!.AsArray())
        {
            group!["id"] = "<id>";
            foreach (var offer in group["deliveryOffers"]!.AsArray())
            {
                offer!["id"] = "<id>";
                offer["date"] = new JsonObject { ["earliest"] = "<timestamp>", ["latest"] = "<timestamp>" };
                offer["policy"]!["messaging"]!["messageText"] = "<id>";
            }
        }
        return response;
    }
}
