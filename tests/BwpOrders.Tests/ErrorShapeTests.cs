using System.Net;
using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>Each error type on the wire: BwP's classification, a message that says what and where, a path.</summary>
public sealed class ErrorShapeTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly OrderSetup _setup = new(server.Api, "bp-" + Guid.NewGuid());

    [Theory]
    [InlineData(ApiClient.V2024_11_01, """{ order(orderIdentifier: { orderId: "404-NONE-NONE00" }) { id } }""", "order", "404-NONE-NONE00")]
    [InlineData(ApiClient.V2024_11_01, """{ order(orderIdentifier: { alias: { aliasType: "EXTERNAL_ID", aliasId: "ghost" } }) { id } }""", "order", "ghost")]
    [InlineData(ApiClient.V2024_11_01, """mutation { updateOrder(orderIdentifier: { orderId: "404-NONE-NONE00" }, input: { desiredExecutionState: STARTED }) { order { id } } }""", "updateOrder", "404-NONE-NONE00")]
    [InlineData(ApiClient.V2024_01_01, """mutation { updateOrder(input: { orderId: "ghost", desiredExecutionState: STARTED }) { id } }""", "updateOrder", "ghost")]
    [InlineData(ApiClient.V2024_04_01, """mutation { updateOrder(input: { orderId: "ghost", desiredExecutionState: STARTED }) { order { id } } }""", "updateOrder", "ghost")]
    [InlineData(ApiClient.V2024_04_01, """{ order(orderIdentifier: { alias: { aliasType: "EXTERNAL_ID", aliasId: "ghost" } }) { id } }""", "order", "ghost")]
    [InlineData(ApiClient.V2024_01_01, """{ order(orderIdentifier: { orderAlias: { aliasType: "EXTERNAL_ID", aliasId: "ghost" } }) { id } }""", "order", "ghost")]
    public async Task Unknown_orders_are_resource_not_found(string version, string query, string field, string named)
    {
        var response = await server.Api.Send(_setup.Target, version, query);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var error = response.AssertError("ResourceNotFoundError", "ResourceNotFound");
        JsonMatch.Assert("""{"type":"ResourceNotFoundError","code":"ResourceNotFound","errorType":"ResourceNotFoundException","errorCode":404}""",
            error["extensions"]!["classification"]);
        Assert.Equal(field, (string?)error["path"]![0]);
        Assert.NotNull(error["locations"]);
        Assert.Contains(named, (string?)error["message"]);
        Assert.Null(response.Data![field]);
    }

    [Fact]
    public async Task Validation_errors_carry_the_bwp_classification()
    {
        var order = await _setup.Create();
        var response = await server.AssertChangesNothing(_setup.Target, order.Id, () => server.Api.Send(_setup.Target, null,
            $$"""mutation { updateOrder(orderIdentifier: { orderId: "{{order.Id}}" }, input: { refunds: { details: [{ id: "ghost", refundTotal: { totalAmount: { amount: 1, currencyCode: "USD" } } }] } }) { order { id } } }"""));

        var error = response.AssertError("ValidationError", "InvalidRefundId");
        JsonMatch.Assert("""{"type":"ValidationError","code":"InvalidRefundId","errorType":"ValidationException","errorCode":400}""", error["extensions"]!["classification"]);
        Assert.Equal("updateOrder", (string?)error["path"]![0]);
        Assert.Contains("refunds.details[0].id", (string?)error["message"]);
    }

    public static TheoryData<string, string?, string> SchemaViolations => new()
    {
        { """mutation { updateOrder(orderIdentifier: { orderId: "<order>" }, input: { desiredExecutionState: BOGUS }) { order { id } } }""", null, "desiredExecutionState" },
        { """mutation { updateOrder(orderIdentifier: { orderId: "<order>" }, input: { refunds: { details: [{ id: "x", state: DONE, refundTotal: { totalAmount: { amount: 1, currencyCode: "USD" } } }] } }) { order { id } } }""", null, "state" },
        { """mutation($input: UpdateOrderInput!) { updateOrder(orderIdentifier: { orderId: "<order>" }, input: $input) { order { id } } }""", """{"input":{"desiredExecutionState":"BOGUS"}}""", "desiredExecutionState" },
        { """mutation { updateOrder(orderIdentifier: { orderId: "<order>" }, input: { totalPrice: { value: { amount: "ten", currencyCode: "USD" } } }) { order { id } } }""", null, "amount" },
        { """mutation { updateOrder(orderIdentifier: { orderId: "<order>" }, input: { noSuchField: 1 }) { order { id } } }""", null, "noSuchField" },
        { """mutation { updateOrder(input: { desiredExecutionState: STARTED }) { order { id } } }""", null, "orderIdentifier" },
        { """mutation { updateOrder(orderIdentifier: { orderId: "<order>" } input: { }) { order { id } """, null, "Error parsing query" },
        { """{ order(orderIdentifier: { orderId: "<order>", alias: { aliasType: "A", aliasId: "b" } }) { id } }""", null, "exactly one" },
        { """{ order(orderIdentifier: { }) { id } }""", null, "exactly one" },
    };

    [Theory]
    [MemberData(nameof(SchemaViolations))]
    public async Task Schema_violations_are_validation_errors_that_change_nothing(string query, string? variables, string mentioned)
    {
        var order = await _setup.Create();
        var response = await server.AssertChangesNothing(_setup.Target, order.Id, () => server.Api.Send(_setup.Target, null,
            query.Replace("<order>", order.Id), variables is null ? null : JsonNode.Parse(variables)!.AsObject()));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains(mentioned, (string?)response.AssertError("ValidationError")["message"], StringComparison.OrdinalIgnoreCase);
    }

    // The 2024-01-01 reference lists orderId as deprecated and "no longer supported": it is answered as such, and
    // orderIdentifier is then required.
    [Theory]
    [InlineData("""{ order(orderId: "x") { id } }""", "no longer supported")]
    [InlineData("""{ order(orderId: "x", orderIdentifier: { orderId: "x" }) { id } }""", "no longer supported")]
    [InlineData("""{ order { id } }""", "pass orderIdentifier")]
    public async Task The_2024_01_01_order_query_needs_orderIdentifier_as_orderId_is_no_longer_supported(string query, string message)
    {
        var order = await _setup.Create();
        var response = await server.Api.Send(_setup.Target, ApiClient.V2024_01_01, query.Replace("\"x\"", $"\"{order.Id}\""));

        Assert.Contains(message, (string?)response.AssertError("ValidationError", "InvalidInput")["message"]);
    }
}
