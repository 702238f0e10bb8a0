using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>Extreme numbers and malformed bodies are refused cleanly, never stored, never a 500.</summary>
public sealed class InputBoundsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly OrderSetup _setup = new(server.Api, "bp-" + Guid.NewGuid());

    [Theory]
    [InlineData("79228162514264337593543950335")] // decimal.MaxValue: summing two would overflow
    [InlineData("1000000000000.01")]
    public async Task Money_above_the_cap_is_a_validation_error_and_creates_nothing(string amount)
    {
        var query = $$"""
            mutation { createOrder(input: {
              aliases: [{ aliasType: "EXTERNAL_ID", aliasId: "huge" }]
              lineItems: [{ amount: { value: 1 }, product: { title: "x", identifier: { sku: "x" }, price: { amount: {{amount}}, currencyCode: "USD" } },
                            selectedDeliveryOffer: { details: { deliveryProvider: AMAZON } } }] }) { order { id } } }
            """;
        var response = await server.Api.Send(_setup.Target, ApiClient.V2024_11_01, query);

        var error = response.AssertError("ValidationError", "InvalidAmount");
        Assert.Contains("lineItems[0].product.price", (string?)error["message"]);
        var lookup = await server.Api.Send(_setup.Target, ApiClient.V2024_11_01, """{ order(orderIdentifier: { alias: { aliasType: "EXTERNAL_ID", aliasId: "huge" } }) { id } }""");
        lookup.AssertError("ResourceNotFoundError");
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("\"abc\"")]
    public async Task Unrepresentable_decimal_variables_are_validation_errors(string value)
    {
        var order = await _setup.Create();
        var response = await server.AssertChangesNothing(_setup.Target, order.Id, () => server.Api.SendRaw(_setup.Target, ApiClient.V2024_11_01, $$$$"""
            {"query":"mutation($id: OrderIdentifierInput!, $v: Decimal!) { updateOrder(orderIdentifier: $id, input: { totalPrice: { value: { amount: $v, currencyCode: \"USD\" } } }) { order { id } } }",
             "variables":{"id":{"orderId":"{{{{order.Id}}}}"},"v":{{{{value}}}}}}
            """));

        response.AssertError("ValidationError");
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[1,2]")]
    [InlineData("{\"query\": 5}")]
    [InlineData("{\"query\": \"{ __typename }\", \"variables\": \"x\"}")]
    public async Task Malformed_bodies_are_400_in_the_bwp_error_shape(string body)
    {
        var response = await server.Api.SendRaw(_setup.Target, ApiClient.V2024_11_01, body);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.Status);
        response.AssertError("ValidationError");
    }

    [Fact]
    public async Task Invalid_utf8_in_the_body_is_a_400()
    {
        using var content = new ByteArrayContent([.. "{\"query\":\"{ __typename "u8, 0xff, 0xfe, .. " }\"}"u8]);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.Add("x-api-target-id", _setup.Target);
        request.Headers.Authorization = new("Bearer", await server.Tokens.ForTarget(_setup.Target));
        using var response = await server.Api.Http.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ValidationError", (string?)body["errors"]![0]!["extensions"]!["classification"]!["type"]);
    }
}
