using System.Net;
using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>GraphQL over HTTP: versions, headers, GET, operation names, introspection, health.</summary>
public sealed class TransportTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly OrderSetup _setup = new(server.Api, "bp-" + Guid.NewGuid());

    [Fact]
    public async Task No_version_header_means_2024_11_01_and_an_unknown_version_lists_the_supported_ones()
    {
        (await server.Api.Send(_setup.Target, null, "{ __type(name: \"Order\") { fields { name } } }")).AssertSuccess();
        var newest = await server.Api.Send(_setup.Target, null, "{ order(orderIdentifier: { orderId: \"x\" }) { packageInformation { summary { state } } } }");
        newest.AssertError("ResourceNotFoundError"); // valid against 2024-11-01
        var oldField = await server.Api.Send(_setup.Target, null, "{ order(orderIdentifier: { orderId: \"x\" }) { lineItems { purchasedItem { title } } } }");
        oldField.AssertError("ValidationError", "FieldsOnCorrectType");

        var unknown = await server.Api.Send(_setup.Target, "2023-07-01", "{ __typename }");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        var message = (string?)unknown.AssertError("ValidationError", "UnsupportedApiVersion")["message"];
        Assert.Contains("2024-01-01", message);
        Assert.Contains("2024-11-01", message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task The_target_header_is_required(string? target)
    {
        var token = await server.Tokens.ForTarget(_setup.Target);
        var response = await server.Api.SendRaw(target, null, """{"query":"{ __typename }"}""", bearer: token);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        response.AssertError("ValidationError", "MissingTargetId");
        Assert.Equal("application/json", response.ContentType);
    }

    [Fact]
    public async Task Get_runs_queries_with_variables_and_refuses_mutations()
    {
        var order = await _setup.Create();
        var token = await server.Tokens.ForTarget(_setup.Target);
        using var get = new HttpRequestMessage(HttpMethod.Get,
            "/graphql?query=" + Uri.EscapeDataString("query($id: ID) { order(orderIdentifier: { orderId: $id }) { id } }") +
            "&variables=" + Uri.EscapeDataString(new JsonObject { ["id"] = order.Id }.ToJsonString()));
        get.Headers.Add("x-api-target-id", _setup.Target);
        get.Headers.Authorization = new("Bearer", token);
        using var response = await server.Api.Http.SendAsync(get);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(order.Id, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!["order"]!["id"]);

        var mutation = await server.AssertChangesNothing(_setup.Target, order.Id, () => server.Api.Get(_setup.Target, null,
            $$"""mutation { updateOrder(orderIdentifier: { orderId: "{{order.Id}}" }, input: { desiredExecutionState: STARTED }) { order { id } } }"""));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, mutation.Status);
        mutation.AssertError("ValidationError");
    }

    [Fact]
    public async Task Post_needs_a_json_content_type()
    {
        var response = await server.Api.SendRaw(_setup.Target, null, """{"query":"{ __typename }"}""", contentType: "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        response.AssertError("ValidationError", "UnsupportedMediaType");
    }

    [Fact]
    public async Task Operation_name_picks_the_operation_to_run()
    {
        var order = await _setup.Create();
        const string document = "query First { __typename } query Second($id: ID) { order(orderIdentifier: { orderId: $id }) { id } }";

        var second = await server.Api.Send(_setup.Target, null, document, new JsonObject { ["id"] = order.Id }, operationName: "Second");
        Assert.Equal(order.Id, (string?)second.AssertSuccess().Data!["order"]!["id"]);
        var none = await server.Api.Send(_setup.Target, null, document);
        none.AssertError("ValidationError");
    }

    [Theory]
    [InlineData(ApiClient.V2024_01_01, "UpdateOrderResponse", new[] { "id", "order" })]
    [InlineData(ApiClient.V2024_11_01, "UpdateOrderResponse", new[] { "order" })]
    [InlineData(ApiClient.V2024_04_01, "UpdateOrderResponse", new[] { "order" })]
    [InlineData(ApiClient.V2024_01_01, "OrderIdentifierInput", new[] { "orderId", "orderAlias" })]
    [InlineData(ApiClient.V2024_04_01, "OrderIdentifierInput", new[] { "orderId", "alias" })]
    [InlineData(ApiClient.V2024_11_01, "OrderIdentifierInput", new[] { "orderId", "alias" })]
    public async Task Introspection_shows_each_versions_own_shapes(string version, string type, string[] fields)
    {
        var response = await server.Api.Send(_setup.Target, version, $$"""{ __type(name: "{{type}}") { fields { name } inputFields { name } } }""");
        var node = response.AssertSuccess().Data!["__type"]!;
        var names = (node["fields"] as JsonArray ?? node["inputFields"]!.AsArray()).Select(f => (string)f!["name"]!);
        Assert.Equal(fields, names);
    }

    [Theory]
    [InlineData(ApiClient.V2024_01_01, new[] { "purchasedItem", "quantity", "lineItemAliases" }, new[] { "product" })]
    [InlineData(ApiClient.V2024_04_01, new[] { "product", "amount", "aliases", "deliveryInformation" }, new[] { "purchasedItem", "quantity", "lineItemAliases", "packageInformation" })]
    [InlineData(ApiClient.V2024_11_01, new[] { "product", "amount", "aliases", "packageInformation" }, new[] { "purchasedItem", "quantity", "lineItemAliases", "deliveryInformation" })]
    public async Task Line_items_differ_between_versions(string version, string[] present, string[] absent)
    {
        var response = await server.Api.Send(_setup.Target, version, "{ __schema { queryType { name } mutationType { name } } __type(name: \"LineItem\") { fields(includeDeprecated: true) { name } } }");
        var data = response.AssertSuccess().Data!;
        Assert.Equal("Query", (string?)data["__schema"]!["queryType"]!["name"]);
        Assert.Equal("Mutation", (string?)data["__schema"]!["mutationType"]!["name"]);
        var names = data["__type"]!["fields"]!.AsArray().Select(f => (string)f!["name"]!).ToList();
        Assert.All(present, p => Assert.Contains(p, names));
        Assert.All(absent, a => Assert.DoesNotContain(a, names));
    }

    [Fact]
    public async Task One_canonical_order_behind_every_version()
    {
        var (previewId, offers) = await new CheckoutSetup(server, _setup.Target).PrimeOffers(("sku-9", 2));
        var created = await server.Api.Send(_setup.Target, ApiClient.V2024_01_01, $$"""
            mutation { createOrder(input: {
              customer: { contact: { emailData: { name: "Jo", email: "jo@example.com" } } }
              lineItems: [{ purchasedItem: { itemId: { SKU: "sku-9" }, title: "Lamp", price: { currentPrice: { amount: 38.79, currencyCode: "USD" } } },
                            quantity: { amount: 2 }, lineItemAliases: [{ aliasType: "SKU", aliasId: "lamp" }],
                            selectedDeliveryOffer: { details: { id: "{{offers[0]}}", deliveryPreviewId: "{{previewId}}", deliveryProvider: BUY_WITH_PRIME } } }]
              totalPrice: { value: { amount: 0.1, currencyCode: "USD" } }
              taxes: { summary: { collectableTaxAmount: { amount: 0.2, currencyCode: "USD" } } } }) { order { id } } }
            """);
        var orderId = (string)created.AssertSuccess().Data!["createOrder"]!["order"]!["id"]!;

        JsonMatch.Assert("""
            {"lineItems":[{"product":{"title":"Lamp","price":{"amount":38.79,"currencyCode":"USD"},"sku":{"value":"sku-9"}},"amount":{"value":2,"unit":"ONE"},
              "aliases":[{"aliasType":"SKU","aliasId":"lamp"}],"deliveryOffer":{"details":{"deliveryProvider":"AMAZON"}}}],
             "totalPrice":{"value":{"amount":0.1}},"taxes":{"summary":{"collectableTaxAmount":{"amount":0.2}}}}
            """, await _setup.Read(orderId, """
            lineItems { product { title price { amount currencyCode } sku { value } } amount { value unit } aliases { aliasType aliasId } deliveryOffer { details { deliveryProvider } } }
            totalPrice { value { amount } } taxes { summary { collectableTaxAmount { amount } } }
            """));
        JsonMatch.Assert("""
            {"order":{"lineItems":[{"purchasedItem":{"title":"Lamp","price":{"currentPrice":{"amount":38.79}},"itemIdentifiers":[{"type":"SKU","value":"sku-9"}]},
              "quantity":{"amount":2},"lineItemAliases":[{"aliasId":"lamp"}],"deliveryOffer":{"details":{"deliveryProvider":"PRIME"}}}]}}
            """, (await server.Api.Send(_setup.Target, ApiClient.V2024_01_01, $$"""
            { order(orderIdentifier: { orderId: "{{orderId}}" }) { lineItems { purchasedItem { title price { currentPrice { amount } } itemIdentifiers { type value } }
              quantity { amount } lineItemAliases { aliasId } deliveryOffer { details { deliveryProvider } } } } }
            """)).AssertSuccess().Data);
        JsonMatch.Assert("""
            {"order":{"lineItems":[{"product":{"title":"Lamp"},"amount":{"value":2},"deliveryOffer":{"details":{"deliveryProvider":"PRIME","id":"<offer>"}}}]}}
            """, (await server.Api.Send(_setup.Target, ApiClient.V2024_04_01, $$"""
            { order(orderIdentifier: { orderId: "{{orderId}}" }) { lineItems { product { title } amount { value } deliveryOffer { details { deliveryProvider id } } } } }
            """)).AssertSuccess().Data, new Dictionary<string, string> { ["offer"] = offers[0] });
        // The raw JSON text carries the decimals exactly as sent: no binary floating point on the way.
        var raw = (await server.Api.Send(_setup.Target, null, $$"""{ order(orderIdentifier: { orderId: "{{orderId}}" }) { totalPrice { value { amount } } } }""")).Body.ToJsonString();
        Assert.Contains("\"amount\":0.1}", raw);
    }

    [Fact]
    public async Task Health_and_readiness()
    {
        using var health = await server.Api.Http.GetAsync("/healthz");
        using var ready = await server.Api.Http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True(health.Headers.Contains("x-request-id"));
    }
}
