using System.Net;
using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// BwP's fulfilment centre grades a delivered shopper return on the target's clock (Simulation:ReturnGradedAfter,
/// a day by default, in every mode) and the return completes; a grading the sandbox gave first stands.
/// </summary>
public sealed class ReturnGradingTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly VerbatimRequests Docs = new("DocExamples");
    private static readonly double ADay = TimeSpan.FromDays(1).TotalSeconds;
    private readonly OrderSetup _setup = new(server.Api, "bp-" + Guid.NewGuid());
    private BwpSide Bwp => new(server.Api, _setup.Target);

    [Fact]
    public async Task A_delivered_return_is_graded_sellable_and_completed_a_day_later_with_documented_calls_and_the_clock()
    {
        var order = await _setup.Create(quantity: 2, executionState: "STARTED");
        await Bwp.DeliverAll(order.Id);
        var created = (await Bwp.CreateReturn(order.Id, order.LineItemId, 2, "STARTED", "id returnLineItems { id } returnPackageDetails { id }"))
            .AssertSuccess().Data!["createReturn"]!["returnDetails"]!;
        var (returnId, packageId, itemId) = ((string)created["id"]!, (string)created["returnPackageDetails"]![0]!["id"]!, (string)created["returnLineItems"]![0]!["id"]!);
        var ids = new Dictionary<string, string> { ["123-4567-8910"] = order.Id, ["example-return-identifier-id"] = returnId, ["example-return-package-id"] = packageId };
        (await server.Api.Send(_setup.Target, ApiClient.V2024_11_01, Docs.Request("2024-11-01/updateOrderReturns.update-return-package-as-in-transit", ids))).AssertSuccess();
        (await Bwp.MoveReturn(order.Id, returnId, packages: [(packageId, "DELIVERED")])).AssertSuccess();

        Assert.Equal(0, await Bwp.Advance(ADay - 60)); // a minute before the grading is due
        Assert.Equal("CREATED", await Bwp.ReturnState(returnId));
        await Bwp.Advance(120);

        var read = (await server.Api.Send(_setup.Target, ApiClient.V2024_11_01, $$"""
            { return(input: { id: "{{returnId}}" }) { returnDetails { state returnLineItems { id grading { summary { gradedAmount { value } unitWiseCondition { condition amount { value } } } } } } } }
            """)).AssertSuccess().Data!["return"]!["returnDetails"]!;
        JsonMatch.Assert("""
            {"state":"COMPLETED","returnLineItems":[{"id":"<item>","grading":{"summary":{"gradedAmount":{"value":2},"unitWiseCondition":[{"condition":"SELLABLE","amount":{"value":2}}]}}}]}
            """, read, new Dictionary<string, string> { ["item"] = itemId });
        Assert.Equal(["RETURN_PACKAGE_DELIVERED", "PACKAGE_TRACKER_MILESTONE_CHANGED", "REFUND_REQUESTED", "RETURN_ITEM_GRADED", "RETURN_COMPLETED"], (await Bwp.Events(order.Id))[^5..]);
        Assert.Equal(("PENDING", "RETURN_RECEIVED", 20m), (await Bwp.Refunds(order.Id)).Select(r => (r.State, r.Reason, r.Total)).Single());
        var (status, timeline) = await server.Api.Control(HttpMethod.Get, $"/orders/{order.Id}/timeline", _setup.Target);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("BwP: grade-return", (string?)timeline["changes"]!.AsArray()[^1]!["operation"]);
    }

    [Fact]
    public async Task A_grading_the_sandbox_gave_first_stands_and_bwp_grades_only_what_is_left()
    {
        var order = await _setup.Create(executionState: "STARTED", items: new JsonArray(OrderSetup.LineItem("mug", 1, 0), OrderSetup.LineItem("cup", 1, 1)));
        await Bwp.DeliverAll(order.Id);
        var (status, started) = await server.Api.Control(HttpMethod.Post, $"/orders/{order.Id}/returns", _setup.Target, new JsonObject
        {
            ["items"] = new JsonArray(order.LineItemIds.Select(id => (JsonNode)new JsonObject { ["lineItemId"] = id, ["amount"] = 1 }).ToArray()),
        });
        Assert.Equal(HttpStatusCode.OK, status);
        var (returnId, packageId) = ((string)started["returnId"]!, (string)started["returnPackages"]![0]!["id"]!);
        var items = started["returnLineItems"]!.AsArray().Select(i => (string)i!["id"]!).ToList();
        foreach (var state in new[] { "IN_TRANSIT", "DELIVERED" }) (await Bwp.MoveReturn(order.Id, returnId, packages: [(packageId, state)])).AssertSuccess();
        (await Bwp.MoveReturn(order.Id, returnId, gradings: [(items[0], "DAMAGED")])).AssertSuccess();
        Assert.Equal("CREATED", await Bwp.ReturnState(returnId));

        await Bwp.Advance(ADay);

        var graded = await _setup.Read(order.Id, "returns { details { state returnLineItems { id grading { summary { unitWiseCondition { condition } } } } } }");
        JsonMatch.Assert("""
            {"returns":{"details":[{"state":"COMPLETED","returnLineItems":[
              {"id":"<first>","grading":{"summary":{"unitWiseCondition":[{"condition":"DAMAGED"}]}}},
              {"id":"<second>","grading":{"summary":{"unitWiseCondition":[{"condition":"SELLABLE"}]}}}]}]}}
            """, graded, new Dictionary<string, string> { ["first"] = items[0], ["second"] = items[1] });
        Assert.Equal(2, (await Bwp.Events(order.Id)).Count(e => e == "RETURN_ITEM_GRADED"));
    }

    [Fact]
    public async Task A_return_the_sandbox_graded_whole_completes_at_once_and_the_clock_adds_nothing()
    {
        var order = await _setup.Create(executionState: "STARTED");
        await Bwp.DeliverAll(order.Id);
        var (returnId, packageId, itemId) = await Bwp.StartReturn(order.Id, order.LineItemId);
        (await Bwp.MoveReturn(order.Id, returnId, packages: [(packageId, "IN_TRANSIT")])).AssertSuccess();
        (await Bwp.MoveReturn(order.Id, returnId, packages: [(packageId, "DELIVERED")])).AssertSuccess();
        (await Bwp.MoveReturn(order.Id, returnId, gradings: [(itemId, "DEFECTIVE")])).AssertSuccess();
        Assert.Equal("COMPLETED", await Bwp.ReturnState(returnId));
        var before = await server.Snapshot(_setup.Target, order.Id);

        await Bwp.Advance(2 * ADay);

        Assert.Equal(before, await server.Snapshot(_setup.Target, order.Id));
        Assert.Equal(["RETURN_ITEM_GRADED", "RETURN_COMPLETED"], (await Bwp.Events(order.Id))[^2..]);
    }
}
