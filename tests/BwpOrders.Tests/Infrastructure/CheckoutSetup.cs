using System.Text.Json.Nodes;

namespace BwpOrders.Tests.Infrastructure;

/// <summary>A target's checkout side through the API, with an every-scope token: catalog products, catalog imports, previews.</summary>
public sealed class CheckoutSetup(ServerFixture server, string target)
{
    public string Target { get; } = target;

    public async Task<GraphQLResponse> Send(string version, string query, JsonObject? variables = null) =>
        await server.Api.Send(Target, version, query, variables, bearer: await server.Tokens.WithAllScopes(Target));

    /// <summary>Creates a product with sku <paramref name="sku"/>, external id <c>ext-SKU</c> and Amazon SKU <c>amz-SKU</c>; returns its id.</summary>
    public async Task<string> CreateProduct(string version, string sku, bool offerPrime = true) =>
        (string)(await Send(version, $$"""
            mutation { createProduct(input: { sku: "{{sku}}", externalId: "ext-{{sku}}", amazonSku: { value: "amz-{{sku}}" }, offerPrime: {{(offerPrime ? "true" : "false")}},
              productDetailPageUrl: "https://example.com/products/{{sku}}", image: { sourceUrl: "https://example.com/products/{{sku}}.jpg" } }) { id } }
            """)).AssertSuccess().Data!["createProduct"]!["id"]!;

    /// <summary>Loads a catalog file's content through the control API; returns the response body.</summary>
    public async Task<JsonNode> Import(JsonObject catalog)
    {
        var (status, body) = await server.Api.Control(HttpMethod.Post, "/catalog/import", Target, catalog, bearer: await server.Tokens.WithAllScopes(Target));
        Assert.True(status == System.Net.HttpStatusCode.OK, $"catalog import: {(int)status} {body.ToJsonString()}");
        return body;
    }

    /// <summary>
    /// Prime offers for products a test orders: the SKUs are added to the catalog (offered with Prime, in stock) and
    /// previewed together, with no location or shopper; returns the preview's id and each product's offer id, in order.
    /// </summary>
    public async Task<(string PreviewId, List<string> OfferIds)> PrimeOffers(params (string Sku, decimal Amount)[] products)
    {
        await Import(new JsonObject
        {
            ["products"] = new JsonArray(products.Select(p => (JsonNode)new JsonObject
            {
                ["sku"] = p.Sku, ["amazonSku"] = p.Sku, ["offerPrime"] = true, ["buyableQuantity"] = 1000,
            }).ToArray()),
        });
        return await Preview(products);
    }

    /// <summary>A 2024-11-01 preview of catalog products by SKU, with no location or shopper: its id and each product's offer id, in order.</summary>
    public async Task<(string PreviewId, List<string> OfferIds)> Preview(params (string Sku, decimal Amount)[] products)
    {
        var items = string.Join(", ", products.Select(p => $$"""{ productIdentifier: { sku: "{{p.Sku}}" }, amount: { value: {{p.Amount}} } }"""));
        var preview = (await Send(ApiClient.V2024_11_01, $$"""{ deliveryPreview(input: { products: [{{items}}] }) { id deliveryGroups { deliveryOffers { id } } } }"""))
            .AssertSuccess().Data!["deliveryPreview"]!;
        return ((string)preview["id"]!, preview["deliveryGroups"]!.AsArray().Select(g => (string)g!["deliveryOffers"]![0]!["id"]!).ToList());
    }

    /// <summary>A 2024-11-01 createOrder of the previewed products with the preview's ids, started (its package made); returns the order's id.</summary>
    public async Task<string> Order(string previewId, List<string> offerIds, params (string Sku, decimal Amount)[] products)
    {
        var lines = string.Join("\n", products.Select((p, i) => $$"""
            { product: { identifier: { sku: "{{p.Sku}}" }, title: "{{p.Sku}}", price: { amount: 10, currencyCode: "USD" } }, amount: { value: {{p.Amount}} },
              selectedDeliveryOffer: { details: { id: "{{offerIds[i]}}", deliveryPreviewId: "{{previewId}}", deliveryProvider: AMAZON, deliveryTerms: { isPrimeEligible: true } } } }
            """));
        var created = await Send(ApiClient.V2024_11_01, $$"""
            mutation { createOrder(input: { desiredExecutionState: STARTED, lineItems: [{{lines}}], customer: { contact: { emailData: { name: "Jo", email: "jo@example.com" } } } }) { order { id } } }
            """);
        return (string)created.AssertSuccess().Data!["createOrder"]!["order"]!["id"]!;
    }
}
