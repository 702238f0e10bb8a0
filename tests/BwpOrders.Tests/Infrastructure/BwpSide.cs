using System.Net;
using System.Text.Json.Nodes;

namespace BwpOrders.Tests.Infrastructure;

/// <summary>
/// Drives BwP's side of a target's orders the way a merchant's tests would: the 2024-11-01 sandbox mutations, the
/// target's clock and the shopper's returns (control API), and reads what BwP recorded.
/// </summary>
public sealed class BwpSide(ApiClient api, string target)
{
    /// <summary>The order's packages: id, state and tracker, in order of creation.</summary>
    public async Task<List<(string Id, string State, string CarrierCode, string TrackingNumber)>> Packages(string orderId)
    {
        var response = (await api.Send(target, ApiClient.V2024_11_01, """
            query($id: ID) { order(orderIdentifier: { orderId: $id }) { packageInformation { details { id state packageTracker { packageTrackerIdentifier { carrierCode trackingNumber } } } } } }
            """, new JsonObject { ["id"] = orderId })).AssertSuccess();
        return response.Data!["order"]!["packageInformation"]!["details"]!.AsArray().Select(p => (
            (string)p!["id"]!, (string)p["state"]!,
            (string)p["packageTracker"]!["packageTrackerIdentifier"]!["carrierCode"]!, (string)p["packageTracker"]!["packageTrackerIdentifier"]!["trackingNumber"]!)).ToList();
    }

    /// <summary>2024-11-01 <c>updateOrderPackageInformation</c> moving one package (all of it) to a state.</summary>
    public Task<GraphQLResponse> MovePackage(string orderId, string packageId, string state, string? reason = null)
    {
        var packageState = new JsonObject { ["state"] = state };
        if (reason is not null) packageState["reason"] = reason;
        return api.Send(target, ApiClient.V2024_11_01, """
            mutation($id: OrderIdentifierInput!, $input: UpdateOrderPackageInformationInput!) { updateOrderPackageInformation(orderIdentifier: $id, input: $input) { order { id } } }
            """, new JsonObject
            {
                ["id"] = new JsonObject { ["orderId"] = orderId },
                ["input"] = new JsonObject { ["packageInformation"] = new JsonObject { ["details"] = new JsonArray(new JsonObject
                {
                    ["id"] = packageId, ["packageState"] = new JsonObject { ["packageInformationState"] = packageState },
                }) } },
            });
    }

    /// <summary>Ships and delivers every package of the order through the sandbox.</summary>
    public async Task DeliverAll(string orderId)
    {
        foreach (var package in await Packages(orderId))
        {
            (await MovePackage(orderId, package.Id, "IN_TRANSIT")).AssertSuccess();
            (await MovePackage(orderId, package.Id, "DELIVERED")).AssertSuccess();
        }
    }

    /// <summary>Moves the target's clock forward and runs what falls due; returns how many scheduled actions ran.</summary>
    public async Task<int> Advance(double seconds)
    {
        var (status, body) = await api.Control(HttpMethod.Post, "/clock/advance", target, new JsonObject { ["seconds"] = seconds });
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return (int)body["actionsRun"]!;
    }

    /// <summary>A shopper returns <paramref name="amount"/> of a line item through BwP; returns the return's and its package's ids.</summary>
    public async Task<(string ReturnId, string PackageId, string ReturnLineItemId)> StartReturn(string orderId, string lineItemId, decimal amount = 1, string reason = "DAMAGED_DEFECTIVE_ITEM")
    {
        var (status, body) = await api.Control(HttpMethod.Post, $"/orders/{orderId}/returns", target, new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject { ["lineItemId"] = lineItemId, ["amount"] = amount, ["reasonCode"] = reason }),
        });
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return ((string)body["returnId"]!, (string)body["returnPackages"]![0]!["id"]!, (string)body["returnLineItems"]![0]!["id"]!);
    }

    /// <summary>2024-11-01 sandbox updateOrderReturns: moves return packages and grades return line items (each unit in one condition).</summary>
    public Task<GraphQLResponse> MoveReturn(string orderId, string returnId, (string Id, string State)[]? packages = null, (string Id, string Condition)[]? gradings = null)
    {
        var detail = new JsonObject { ["returnIdentifier"] = new JsonObject { ["id"] = returnId } };
        if (packages is not null)
            detail["returnPackageDetails"] = new JsonArray(packages.Select(p => (JsonNode)new JsonObject { ["id"] = p.Id, ["state"] = p.State }).ToArray());
        if (gradings is not null)
            detail["returnLineItems"] = new JsonArray(gradings.Select(g => (JsonNode)new JsonObject
            {
                ["id"] = g.Id,
                ["grading"] = new JsonObject { ["unitWiseCondition"] = new JsonArray(new JsonObject { ["amount"] = new JsonObject { ["value"] = 1 }, ["condition"] = g.Condition }) },
            }).ToArray());
        return api.Send(target, ApiClient.V2024_11_01, """
            mutation($id: OrderIdentifierInput!, $input: UpdateOrderReturnsInput!) { updateOrderReturns(orderIdentifier: $id, input: $input) { order { id } } }
            """, new JsonObject
            {
                ["id"] = new JsonObject { ["orderId"] = orderId },
                ["input"] = new JsonObject { ["returns"] = new JsonObject { ["details"] = new JsonArray(detail) } },
            });
    }

    /// <summary>2024-11-01 <c>createReturn</c> of an amount of a line item (a DRAFT unless <paramref name="desired"/> is STARTED), selecting <paramref name="selection"/> of its returnDetails.</summary>
    public Task<GraphQLResponse> CreateReturn(string orderId, string lineItemId, decimal amount, string? desired, string selection) =>
        api.Send(target, ApiClient.V2024_11_01, $$"""
            mutation($id: OrderIdentifierInput!, $input: CreateReturnInput!) { createReturn(orderIdentifier: $id, input: $input) { returnDetails { {{selection}} } } }
            """, new JsonObject
            {
                ["id"] = new JsonObject { ["orderId"] = orderId },
                ["input"] = new JsonObject { ["returnLineItems"] = OrderSetup.ReturnLineItems(lineItemId, amount), ["desiredReturnExecutionState"] = desired },
            });

    /// <summary>2024-11-01 <c>updateReturn</c> (with the <c>returnIdentifier</c> argument when given), selecting <paramref name="selection"/> of its returnDetails.</summary>
    public Task<GraphQLResponse> UpdateReturn(JsonObject input, string selection, JsonObject? returnIdentifier = null) =>
        api.Send(target, ApiClient.V2024_11_01, $$"""
            mutation($input: UpdateReturnInput!, $returnIdentifier: ReturnIdentifierInput) { updateReturn(input: $input, returnIdentifier: $returnIdentifier) { returnDetails { {{selection}} } } }
            """, new JsonObject { ["input"] = input, ["returnIdentifier"] = returnIdentifier });

    /// <summary>The state of a return, read through the 2024-11-01 <c>return</c> query.</summary>
    public async Task<string?> ReturnState(string returnId) =>
        (string?)(await api.Send(target, ApiClient.V2024_11_01, $$"""{ return(input: { id: "{{returnId}}" }) { returnDetails { state } } }"""))
            .AssertSuccess().Data!["return"]!["returnDetails"]!["state"];

    /// <summary>The order's refunds: id, state, request reason, total.</summary>
    public async Task<List<(string Id, string State, string? Reason, decimal? Total)>> Refunds(string orderId)
    {
        var response = (await api.Send(target, ApiClient.V2024_11_01, """
            query($id: ID) { order(orderIdentifier: { orderId: $id }) { refunds { details { id state refundRequestReason refundTotal { totalAmount { amount } } } } } }
            """, new JsonObject { ["id"] = orderId })).AssertSuccess();
        return response.Data!["order"]!["refunds"]!["details"]!.AsArray().Select(r => ((string)r!["id"]!, (string)r["state"]!,
            (string?)r["refundRequestReason"], (decimal?)r["refundTotal"]?["totalAmount"]?["amount"])).ToList();
    }

    /// <summary>The event types of the order's timeline, oldest first, named as <paramref name="version"/> names them.</summary>
    public async Task<List<string>> Events(string orderId, string? version = null)
    {
        var (status, body) = await api.Control(HttpMethod.Get, $"/orders/{orderId}/timeline", target, version: version);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return body["changes"]!.AsArray().SelectMany(c => c!["events"]!.AsArray().Select(e => (string)e!["eventType"]!)).ToList();
    }
}
