using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// Every move of BwP's documented package and return package state machines through the sandbox mutations, and
/// every documented sandbox error: a refused move answers BwP's error and changes nothing.
/// </summary>
public sealed class SandboxErrorTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    // One target for the whole class: each of the many cases below would otherwise fetch a token of its own.
    private static readonly string Target = "bp-" + Guid.NewGuid();
    private readonly OrderSetup _setup = new(server.Api, Target);
    private BwpSide Bwp => new(server.Api, _setup.Target);

    private static readonly string[] PackageStates = ["PENDING", "IN_TRANSIT", "DELIVERED", "CANCELLED"];
    private static readonly string?[] PackageReasons = [null, "CUSTOMER_REQUESTED", "UNFULFILLABLE", "UNDELIVERABLE"];

    /// <summary>The package moves BwP's sandbox reference allows (from, to, reasons; no reasons: any reason is ignored).</summary>
    private static readonly (string From, string To, string[] Reasons)[] AllowedPackageMoves =
    [
        ("PENDING", "IN_TRANSIT", []),
        ("PENDING", "CANCELLED", ["UNFULFILLABLE", "CUSTOMER_REQUESTED"]),
        ("IN_TRANSIT", "DELIVERED", []),
        ("IN_TRANSIT", "CANCELLED", ["UNDELIVERABLE"]),
    ];

    public static TheoryData<string, string, string?> PackageMoves()
    {
        var data = new TheoryData<string, string, string?>();
        foreach (var from in PackageStates) foreach (var to in PackageStates) foreach (var reason in PackageReasons) data.Add(from, to, reason);
        return data;
    }

    [Theory]
    [MemberData(nameof(PackageMoves))]
    public async Task A_package_moves_exactly_as_the_documented_state_machine_allows(string from, string to, string? reason)
    {
        var (order, package) = await PackageIn(from);

        var allowed = AllowedPackageMoves.Any(m => m.From == from && m.To == to && (m.Reasons.Length == 0 || m.Reasons.Contains(reason)));
        var expectedError = to == "CANCELLED" && reason is null ? "MissingCancellationReason" : allowed ? null : "InvalidPackageDeliveryDetailStateTransition";
        if (expectedError is null)
        {
            (await Bwp.MovePackage(order, package, to, reason)).AssertSuccess();
            Assert.Equal(to, (await Bwp.Packages(order)).Single().State);
        }
        else
        {
            var refused = await server.AssertChangesNothing(_setup.Target, order, () => Bwp.MovePackage(order, package, to, reason));
            var error = refused.AssertError("ValidationError", expectedError);
            Assert.Contains("packageInformation.details[0]", (string)error["message"]!);
        }
    }

    [Fact]
    public async Task Tracker_updates_name_an_existing_tracker_of_a_live_package_and_stop_at_their_limit()
    {
        var (order, package) = await PackageIn("PENDING");
        var number = (await Bwp.Packages(order)).Single().TrackingNumber;

        (await Refused(order, Tracker(order, package, number, "IN_TRANSIT", extraState: true))).AssertError("ValidationError", "ConflictingPackageStateInput");
        (await Refused(order, Tracker(order, package, "TBA000000000000", "IN_TRANSIT"))).AssertError("ValidationError", "PackageTrackerNotFound");
        (await Refused(order, Tracker(order, "no-such-package", number, "IN_TRANSIT"))).AssertError("ValidationError", "PackageInformationDetailIdNotFound");
        for (var i = 1; i < 20; i++) // the tracker starts with INFO_RECEIVED; 19 more reach the limit of 20
            (await Tracker(order, package, number, i % 2 == 0 ? "IN_TRANSIT" : "OUT_FOR_DELIVERY")).AssertSuccess();
        (await Refused(order, Tracker(order, package, number, "DELAYED"))).AssertError("ValidationError", "UpdatePackageTrackerLimitExceeded");

        var (cancelledOrder, cancelled) = await PackageIn("CANCELLED");
        var cancelledNumber = (await Bwp.Packages(cancelledOrder)).Single().TrackingNumber;
        (await Refused(cancelledOrder, Tracker(cancelledOrder, cancelled, cancelledNumber, "IN_TRANSIT"))).AssertError("ValidationError", "PackageTrackerNotAvailableForUpdate");
    }

    [Fact]
    public async Task A_split_names_amounts_the_package_holds_and_only_a_pending_package_splits()
    {
        var order = await _setup.Create(quantity: 2, executionState: "STARTED");
        var package = (await Bwp.Packages(order.Id)).Single().Id;
        Task<GraphQLResponse> Split(decimal amount, string lineItem, string state = "IN_TRANSIT") => server.Api.Send(_setup.Target, ApiClient.V2024_11_01, $$"""
            mutation { updateOrderPackageInformation(orderIdentifier: { orderId: "{{order.Id}}" }, input: { packageInformation: { details: [{ id: "{{package}}",
              packageState: { packageInformationState: { state: {{state}}, packageInformationDetailsFor: { orderLineItemAmounts: [{ lineItemId: { lineItemId: "{{lineItem}}" }, amount: { value: {{amount}} } }] } } } }] } }) { order { id } } }
            """);

        (await Refused(order.Id, Split(3, order.LineItemId))).AssertError("ValidationError", "InvalidInput");
        (await Refused(order.Id, Split(1, "no-such-line"))).AssertError("ValidationError", "ItemDoesNotExist");
        (await Split(1, order.LineItemId)).AssertSuccess();
        Assert.Equal(["PENDING", "IN_TRANSIT"], (await Bwp.Packages(order.Id)).Select(p => p.State)); // the named unit leaves in a new package
        (await Refused(order.Id, Split(1, order.LineItemId, "DELIVERED"))).AssertError("ValidationError", "InvalidPackageDeliveryDetailStateTransition");
    }

    private static readonly string[] ReturnPackageTargets = ["DROPPED_OFF", "IN_TRANSIT", "DELIVERED", "FAILED"];
    private static readonly Dictionary<string, string[]> ReturnPackagePaths = new()
    {
        ["CREATED"] = [],
        ["DROPPED_OFF"] = ["DROPPED_OFF"],
        ["IN_TRANSIT"] = ["IN_TRANSIT"],
        ["DELIVERED"] = ["IN_TRANSIT", "DELIVERED"],
        ["FAILED"] = ["IN_TRANSIT", "FAILED"],
    };

    /// <summary>The return package moves BwP's sandbox reference documents.</summary>
    private static readonly (string From, string To)[] AllowedReturnPackageMoves =
        [("CREATED", "IN_TRANSIT"), ("CREATED", "DROPPED_OFF"), ("DROPPED_OFF", "IN_TRANSIT"), ("IN_TRANSIT", "DELIVERED"), ("IN_TRANSIT", "FAILED")];

    [Fact]
    public async Task A_return_package_moves_exactly_as_the_documented_state_machine_allows()
    {
        var order = await _setup.Create(quantity: 20, executionState: "STARTED");
        await Bwp.DeliverAll(order.Id);
        foreach (var (from, path) in ReturnPackagePaths)
            foreach (var to in ReturnPackageTargets)
            {
                var (returnId, package, _) = await Bwp.StartReturn(order.Id, order.LineItemId);
                foreach (var step in path) (await MoveReturnPackage(order.Id, returnId, package, step)).AssertSuccess();

                if (AllowedReturnPackageMoves.Contains((from, to)))
                    (await MoveReturnPackage(order.Id, returnId, package, to)).AssertSuccess();
                else
                    (await Refused(order.Id, MoveReturnPackage(order.Id, returnId, package, to))).AssertError("ValidationError", "InvalidReturnPackageStateTransition");
            }
    }

    private Task<GraphQLResponse> Refused(string orderId, Task<GraphQLResponse> send) => server.AssertChangesNothing(_setup.Target, orderId, () => send);

    /// <summary>An order with one package brought to <paramref name="state"/> by the sandbox.</summary>
    private async Task<(string Order, string Package)> PackageIn(string state)
    {
        var order = await _setup.Create(executionState: "STARTED");
        var package = (await Bwp.Packages(order.Id)).Single().Id;
        string[] path = state switch
        {
            "IN_TRANSIT" => ["IN_TRANSIT"],
            "DELIVERED" => ["IN_TRANSIT", "DELIVERED"],
            "CANCELLED" => ["CANCELLED"],
            _ => [],
        };
        foreach (var step in path) (await Bwp.MovePackage(order.Id, package, step, step == "CANCELLED" ? "UNFULFILLABLE" : null)).AssertSuccess();
        return (order.Id, package);
    }

    private Task<GraphQLResponse> Tracker(string orderId, string packageId, string trackingNumber, string code, bool extraState = false) =>
        server.Api.Send(_setup.Target, ApiClient.V2024_11_01, $$"""
            mutation { updateOrderPackageInformation(orderIdentifier: { orderId: "{{orderId}}" }, input: { packageInformation: { details: [{ id: "{{packageId}}",
              packageState: { {{(extraState ? "packageInformationState: { state: IN_TRANSIT }," : "")}}
                packageTrackerState: { packageTrackerIdentifier: { trackingNumber: "{{trackingNumber}}", carrierCode: "amzn_us" }, milestone: { code: {{code}} } } } }] } }) { order { id } } }
            """);

    private Task<GraphQLResponse> MoveReturnPackage(string orderId, string returnId, string packageId, string state) =>
        server.Api.Send(_setup.Target, ApiClient.V2024_11_01, $$"""
            mutation { updateOrderReturns(orderIdentifier: { orderId: "{{orderId}}" }, input: { returns: { details: [{ returnIdentifier: { id: "{{returnId}}" },
              returnPackageDetails: [{ id: "{{packageId}}", state: {{state}} }] }] } }) { order { id } } }
            """);
}
