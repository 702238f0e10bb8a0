using System.Text.Json.Nodes;
using BwpOrders.Documented;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>Every edge of the refund, return and execution state machines, legal and illegal (tables: <see cref="StateMachines"/>).</summary>
public sealed class StateMachineTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly OrderSetup _setup = new(server.Api, "bp-" + Guid.NewGuid());

    [Theory]
    [MemberData(nameof(StateMachines.RefundEdges), MemberType = typeof(StateMachines))]
    public async Task Refund_transition(string from, string to, bool legal)
    {
        var order = await _setup.Create();
        var refundId = await _setup.AddRefund(order.Id, order.LineItemId, from);
        var update = new JsonObject
        {
            ["refunds"] = new JsonObject { ["details"] = new JsonArray(new JsonObject
            {
                ["id"] = refundId,
                ["refundTotal"] = new JsonObject { ["totalAmount"] = new JsonObject { ["amount"] = 10, ["currencyCode"] = "USD" } },
                ["state"] = to,
            }) },
        };

        if (legal)
        {
            (await _setup.Update(order.Id, update)).AssertSuccess();
            Assert.Equal(to, (string?)(await _setup.Read(order.Id, "refunds { details { state } }"))["refunds"]!["details"]![0]!["state"]);
        }
        else
        {
            var response = await server.AssertChangesNothing(_setup.Target, order.Id, () => _setup.Update(order.Id, update));
            var message = (string?)response.AssertError("ValidationError", "InvalidRefundStateTransition")["message"];
            Assert.Contains($"from {from} to {to}", message);
            Assert.Contains("refunds.details[0].state", message);
        }
    }

    [Fact]
    public async Task Rejected_is_not_a_refund_state_in_2024_01_01()
    {
        var order = await _setup.Create();
        var refundId = await _setup.AddRefund(order.Id, order.LineItemId);
        var response = await server.AssertChangesNothing(_setup.Target, order.Id, () => server.Api.Send(_setup.Target, ApiClient.V2024_01_01,
            $$"""mutation { updateOrder(input: { orderId: "{{order.Id}}", refunds: { details: [{ id: "{{refundId}}", refundTotal: { totalAmount: { amount: 0, currencyCode: "USD" } }, state: REJECTED }] } }) { id } }"""));

        response.AssertError("ValidationError");
    }

    [Theory]
    [MemberData(nameof(StateMachines.ReturnEdges), MemberType = typeof(StateMachines))]
    public async Task Return_transition(string from, string to, bool legal)
    {
        var order = await _setup.Create();
        var returnId = await _setup.AddReturn(order.Id, order.LineItemId, state: from == "CANCELLED" ? "CREATED" : from);
        if (from == "CANCELLED") (await _setup.Update(order.Id, ReturnState(returnId, "CANCELLED"))).AssertSuccess();

        if (legal)
        {
            (await _setup.Update(order.Id, ReturnState(returnId, to))).AssertSuccess();
            Assert.Equal(to, (string?)(await _setup.Read(order.Id, "returns { details { state } }"))["returns"]!["details"]![0]!["state"]);
        }
        else
        {
            var response = await server.AssertChangesNothing(_setup.Target, order.Id, () => _setup.Update(order.Id, ReturnState(returnId, to)));
            Assert.Contains($"from {from} to {to}", (string?)response.AssertError("ValidationError", "InvalidReturnStateTransition")["message"]);
        }
    }

    [Fact]
    public async Task A_new_return_cannot_start_cancelled()
    {
        var order = await _setup.Create();
        var response = await server.AssertChangesNothing(_setup.Target, order.Id, () => _setup.Update(order.Id, new JsonObject
        {
            ["returns"] = new JsonObject { ["details"] = new JsonArray(new JsonObject { ["state"] = "CANCELLED" }) },
        }));

        response.AssertError("ValidationError", "InvalidReturnStateTransition");
    }

    [Fact]
    public async Task Execution_state_starts_once_and_never_goes_back()
    {
        var order = await _setup.Create();
        var start = new JsonObject { ["desiredExecutionState"] = "STARTED" };

        (await _setup.Update(order.Id, start)).AssertSuccess();
        Assert.Single((await _setup.Read(order.Id, "packageInformation { details { id } }"))["packageInformation"]!["details"]!.AsArray());

        // STARTED again: accepted, and nothing changes (no version, no event).
        await server.AssertChangesNothing(_setup.Target, order.Id, async () => (await _setup.Update(order.Id, (JsonObject)start.DeepClone())).AssertSuccess());

        var back = await server.AssertChangesNothing(_setup.Target, order.Id,
            () => _setup.Update(order.Id, new JsonObject { ["desiredExecutionState"] = "NOT_STARTED" }));
        back.AssertError("ValidationError", "InvalidExecutionStateTransition");
    }

    [Fact]
    public async Task Created_started_confirms_the_order_and_creates_its_packages()
    {
        var order = await _setup.Create(executionState: "STARTED");

        var events = await server.Store.ReadOutboxAsync(_setup.Target, order.Id);
        Assert.Equal(["ORDER_CONFIRMED"], events.Select(e => e.EventType));
        Assert.Equal(1, events[0].OrderVersion);
        Assert.Equal($"businessProduct/{_setup.Target}/order/{order.Id}", events[0].Resource);
        var package = (await _setup.Read(order.Id, "packageInformation { details { state } }"))["packageInformation"]!["details"]![0]!;
        Assert.Equal("PENDING", (string?)package["state"]);
    }

    [Fact]
    public async Task Merchant_syncs_record_bwp_events_only_where_bwp_sends_them_with_the_version_they_produced()
    {
        var order = await _setup.Create();
        var refundId = await _setup.AddRefund(order.Id, order.LineItemId);   // version 2: a PENDING external refund, no event
        var returnId = await _setup.AddReturn(order.Id, order.LineItemId);   // version 3: an external return, no event
        (await _setup.Update(order.Id, ReturnState(returnId, "COMPLETED"))).AssertSuccess(); // version 4
        (await _setup.Update(order.Id, new JsonObject { ["refunds"] = new JsonObject { ["details"] = new JsonArray(new JsonObject
        {
            ["id"] = refundId, ["state"] = "SUCCESS", ["refundTotal"] = new JsonObject { ["totalAmount"] = new JsonObject { ["amount"] = 10, ["currencyCode"] = "USD" } },
        }) } })).AssertSuccess(); // version 5

        var events = await server.Store.ReadOutboxAsync(_setup.Target, order.Id);
        Assert.Equal(["1 ORDER_CONFIRMED", "4 RETURN_COMPLETED", "5 REFUND_COMPLETED"], events.Select(e => $"{e.OrderVersion} {e.EventType}"));
        Assert.Equal($"businessProduct/{_setup.Target}/order/{order.Id}/refund/{refundId}", events.Single(e => e.EventType == "REFUND_COMPLETED").Resource);
        Assert.Equal($"businessProduct/{_setup.Target}/order/{order.Id}/return/{returnId}", events.Single(e => e.EventType == "RETURN_COMPLETED").Resource);
        Assert.Equal(["createOrder", "updateOrder", "updateOrder", "updateOrder", "updateOrder"],
            (await server.Store.ReadChangesAsync(_setup.Target, order.Id)).Select(c => c.Operation));
    }

    private static JsonObject ReturnState(string returnId, string state) => new()
    {
        ["returns"] = new JsonObject { ["details"] = new JsonArray(new JsonObject { ["returnIdentifier"] = new JsonObject { ["id"] = returnId }, ["state"] = state }) },
    };
}
