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
}
