using System.Net;
using System.Text.Json.Nodes;
using BwpOrders.Domain.Access;
using BwpOrders.Tests.Infrastructure;
using GraphQL;

namespace BwpOrders.Tests;

/// <summary>
/// Scopes, limits and the GET rule apply to exactly the operation that runs, whatever <c>operationName</c> says
/// (security review F1: an empty operationName used to skip all three).
/// </summary>
public sealed class OperationSelectionTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly OrderSetup _setup = new(server.Api, "bp-" + Guid.NewGuid());

    private const string Start = """mutation($id: ID) { updateOrder(orderIdentifier: { orderId: $id }, input: { desiredExecutionState: STARTED }) { order { id } } }""";
    private const string Read = """query($id: ID) { order(orderIdentifier: { orderId: $id }) { id } }""";

    /// <summary>Every form of "no name": GraphQL.NET runs the only operation for each, so each must be checked.</summary>
    public static TheoryData<string?> NoName => new() { null, "", " ", "\t", "\n " };

    [Theory]
    [MemberData(nameof(NoName))]
    public async Task A_view_only_token_cannot_mutate_whatever_the_empty_operation_name(string? operationName)
    {
        var order = await _setup.Create();
        var viewOnly = await server.Tokens.IssueAsync(_setup.Target, [Scopes.ViewOrderData]);

        var denied = await server.AssertChangesNothing(_setup.Target, order.Id, () => server.Api.Send(_setup.Target, null, Start,
            new() { ["id"] = order.Id }, operationName: operationName, bearer: viewOnly));

        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        denied.AssertError("AccessDeniedError", "MissingScope");
    }

    [Theory]
    [MemberData(nameof(NoName))]
    public async Task A_view_only_token_cannot_create_an_order_or_a_subscription_with_an_empty_operation_name(string? operationName)
    {
        var viewOnly = await server.Tokens.IssueAsync(_setup.Target, [Scopes.ViewOrderData]);
        var alias = "f1-" + Guid.NewGuid().ToString("N");
        var create = $$"""mutation { createOrder(input: { aliases: [{ aliasType: "EXTERNAL_ID", aliasId: "{{alias}}" }], lineItems: [{ product: { title: "ScopeBypass", price: { amount: 1, currencyCode: "USD" }, identifier: { sku: "sb-1" } }, amount: { value: 1 }, selectedDeliveryOffer: { details: { deliveryProvider: AMAZON } } }] }) { order { id } } }""";
        const string subscribe = """mutation { createEventSubscription(input: { destination: { webhook: { url: "http://127.0.0.1:9/f1", method: POST } }, eventType: "ORDER_CONFIRMED" }) { subscriptionId } }""";

        foreach (var mutation in new[] { create, subscribe })
        {
            var denied = await server.Api.Send(_setup.Target, null, mutation, operationName: operationName, bearer: viewOnly);
            Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
            denied.AssertError("AccessDeniedError", "MissingScope");
        }
        (await server.Api.Send(_setup.Target, null, $$"""{ order(orderIdentifier: { alias: { aliasType: "EXTERNAL_ID", aliasId: "{{alias}}" } }) { id } }"""))
            .AssertError("ResourceNotFoundError");
        (await server.Api.Send(_setup.Target, null, "{ eventSubscriptions { totalCount } }")).AssertError("AccessDeniedError"); // BwP's answer for none
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task Edit_only_and_tracking_less_tokens_cannot_read_with_an_empty_operation_name(string operationName)
    {
        var order = await _setup.Create();
        var editOnly = await server.Tokens.IssueAsync(_setup.Target, [Scopes.EditOrderData]);
        var viewOnly = await server.Tokens.IssueAsync(_setup.Target, [Scopes.ViewOrderData]);

        var read = await server.Api.Send(_setup.Target, null, Read, new() { ["id"] = order.Id }, operationName: operationName, bearer: editOnly);
        Assert.Contains("View Order Data", (string?)read.AssertError("AccessDeniedError", "MissingScope")["message"]);
        Assert.Null(read.Body["data"]);

        var tracker = await server.Api.Send(_setup.Target, null,
            """{ packageTracker(packageTrackerInput: { packageTrackerIdentifier: { carrierCode: "amzn_us", trackingNumber: "TBA000" } }) { packageTrackerIdentifier { trackingNumber } } }""",
            operationName: operationName, bearer: viewOnly);
        tracker.AssertError("AccessDeniedError", "MissingScope");
    }

    [Theory]
    [MemberData(nameof(NoName))]
    public async Task Document_limits_hold_whatever_the_empty_operation_name(string? operationName)
    {
        var rootFields = "{ " + string.Concat(Enumerable.Range(1, 15).Select(i => $"a{i}: __typename ")) + "}";
        var tooDeep = "{ " + string.Concat(Enumerable.Repeat("__schema { queryType { fields { type { ofType { ", 5)) + "name" + new string('}', 25) + " }";

        var wide = await server.Api.Send(_setup.Target, null, rootFields, operationName: operationName);
        Assert.Equal(HttpStatusCode.BadRequest, wide.Status);
        wide.AssertError("ValidationError", "MaxRootFieldsExceeded");

        var deep = await server.Api.Send(_setup.Target, null, tooDeep, operationName: operationName);
        Assert.Equal(HttpStatusCode.BadRequest, deep.Status);
        deep.AssertError("ValidationError", "MaxQueryDepthExceeded");
    }

    [Fact]
    public async Task In_a_document_with_several_operations_the_named_one_is_the_one_checked()
    {
        var order = await _setup.Create();
        var viewOnly = await server.Tokens.IssueAsync(_setup.Target, [Scopes.ViewOrderData]);
        var document = $"query Look($id: ID) {{ order(orderIdentifier: {{ orderId: $id }}) {{ id }} }}\n{Start.Replace("mutation(", "mutation Go(")}";
        JsonObject Variables() => new() { ["id"] = order.Id };

        (await server.Api.Send(_setup.Target, null, document, Variables(), operationName: "Look", bearer: viewOnly)).AssertSuccess();
        var go = await server.AssertChangesNothing(_setup.Target, order.Id,
            () => server.Api.Send(_setup.Target, null, document, Variables(), operationName: "Go", bearer: viewOnly));
        go.AssertError("AccessDeniedError", "MissingScope");

        // No name (in any form) with two operations, or a name matching none: refused before anything is checked or run.
        foreach (var name in new[] { null, "", " ", "Nope", " Go", "go" })
        {
            var refused = await server.AssertChangesNothing(_setup.Target, order.Id,
                () => server.Api.Send(_setup.Target, null, document, Variables(), operationName: name, bearer: viewOnly));
            Assert.Equal(HttpStatusCode.OK, refused.Status); // a GraphQL request error, as GraphQL over HTTP answers application/json
            Assert.Null(refused.Body["data"]);
            refused.AssertError("ValidationError", name is null || name.Trim().Length == 0 ? "NoOperationName" : "InvalidOperationName");
        }
    }

    [Fact]
    public async Task A_name_on_a_single_anonymous_operation_runs_nothing()
    {
        var order = await _setup.Create();
        var refused = await server.AssertChangesNothing(_setup.Target, order.Id,
            () => server.Api.Send(_setup.Target, null, Start, new() { ["id"] = order.Id }, operationName: "Anything"));
        refused.AssertError("ValidationError", "InvalidOperationName");
    }

    [Fact]
    public async Task A_cached_document_is_checked_again_for_every_caller_and_operation_name()
    {
        var order = await _setup.Create();
        var viewOnly = await server.Tokens.IssueAsync(_setup.Target, [Scopes.ViewOrderData]);
        JsonObject Variables() => new() { ["id"] = order.Id };
        // An all-scopes caller runs it first, so the document is validated and kept.
        (await server.Api.Send(_setup.Target, null, Start, Variables())).AssertSuccess();
        (await server.Api.Send(_setup.Target, null, Start, Variables(), operationName: "")).AssertSuccess();

        foreach (var name in new[] { null, "", " " })
        {
            var denied = await server.AssertChangesNothing(_setup.Target, order.Id,
                () => server.Api.Send(_setup.Target, null, Start, Variables(), operationName: name, bearer: viewOnly));
            denied.AssertError("AccessDeniedError", "MissingScope");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("%20")]
    public async Task A_mutation_over_GET_is_refused_with_an_empty_operation_name(string operationName)
    {
        var order = await _setup.Create();
        var query = Uri.EscapeDataString($$"""mutation { updateOrder(orderIdentifier: { orderId: "{{order.Id}}" }, input: { desiredExecutionState: STARTED }) { order { id } } }""");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/graphql?query={query}&operationName={operationName}");
        request.Headers.Authorization = new("Bearer", await server.Tokens.ForTarget(_setup.Target));
        request.Headers.Add("x-api-target-id", _setup.Target);

        var before = await server.Snapshot(_setup.Target, order.Id);
        using var response = await server.Api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(before, await server.Snapshot(_setup.Target, order.Id));
    }

    [Fact]
    public async Task A_query_too_deep_to_parse_is_refused_without_running()
    {
        var viewOnly = await server.Tokens.IssueAsync(_setup.Target, [Scopes.ViewOrderData]);
        // Deeper than the parser's 128 levels, so no syntax tree exists to check: it must not reach the executer.
        var nested = "mutation { createOrder(input: " + string.Concat(Enumerable.Repeat("{ a: [", 80)) + "1" + string.Concat(Enumerable.Repeat("] }", 80)) + ") { order { id } } }";

        var refused = await server.Api.Send(_setup.Target, null, nested, operationName: "", bearer: viewOnly);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        refused.AssertError("ValidationError", "MaxQueryDepthExceeded");

        var broken = await server.Api.Send(_setup.Target, null, "mutation { createOrder(input: {", operationName: "", bearer: viewOnly);
        Assert.Equal(HttpStatusCode.OK, broken.Status);
        Assert.Null(broken.Body["data"]);
        broken.AssertError("ValidationError", "SyntaxError");
    }
}

/// <summary>The executer runs only the operation a request checked: any other is refused before a resolver runs.</summary>
public sealed class CheckedExecuterTests
{
    private static readonly BwpOrders.Server.GraphQL.ApiSchemas Schemas = new(production: false);

    [Theory]
    [InlineData("A", "A", true)]
    [InlineData("A", "B", false)]
    [InlineData("A", null, false)] // two operations, no name: GraphQL.NET's request error
    [InlineData(null, "A", false)] // nothing was checked
    public async Task Only_the_checked_operation_executes(string? checkedName, string? requested, bool runs)
    {
        var document = GraphQLParser.Parser.Parse("query A { __typename } query B { __typename }");
        var checkedOperation = document.Definitions.OfType<GraphQLParser.AST.GraphQLOperationDefinition>().FirstOrDefault(o => o.Name?.StringValue == checkedName);
        var executer = new BwpOrders.Server.GraphQL.CheckedDocumentExecuter(new global::GraphQL.Execution.GraphQLDocumentBuilder(),
            new global::GraphQL.Validation.DocumentValidator(), new global::GraphQL.Execution.DefaultExecutionStrategySelector());

        var result = await executer.ExecuteAsync(options =>
        {
            options.Schema = Schemas.Find(ApiClient.V2024_11_01);
            options.Document = document;
            options.OperationName = requested;
            if (checkedOperation is not null)
                options.UserContext = new BwpOrders.Server.GraphQL.RequestContext("bp-x", null!, null!) { CheckedOperation = checkedOperation };
        });

        Assert.Equal(runs, result.Executed);
        Assert.Equal(runs, result.Errors is null or { Count: 0 });
    }
}
