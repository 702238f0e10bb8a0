using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// BwP's side of fulfilment: packages appear when an order starts and move through the documented states by the
/// sandbox mutations of each version, announcing what BwP announces.
/// </summary>
public sealed class FulfillmentTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly VerbatimRequests Docs = new("DocExamples");
    private readonly OrderSetup _setup = new(server.Api, "bp-" + Guid.NewGuid());
    private BwpSide Bwp => new(server.Api, _setup.Target);

    [Fact]
    public async Task Starting_fulfilment_packages_the_amazon_line_items_with_a_tracker_and_ship_from_address()
    {
        var order = await _setup.Create(lineItems: 2, quantity: 3, executionState: "STARTED");

        var read = await _setup.Read(order.Id, """
            packageInformation { summary { state } details { state reason deliverFromAddress { id locality countryCode }
              packageInformationDetailsFor { orderLineItemAmounts { amount { value } lineItem { id } } }
              packageTracker { packageTrackerIdentifier { carrierCode trackingNumber } trackingUrl latestMilestone { status { code } } } } }
            lineItems { id packageInformation { details { state } } }
            """);
        var package = read["packageInformation"]!["details"]![0]!;
        Assert.Equal("PENDING", (string?)read["packageInformation"]!["summary"]!["state"]);
        Assert.Equal("DuPont", (string?)package["deliverFromAddress"]!["locality"]);
        Assert.Equal([3m, 3m], package["packageInformationDetailsFor"]!["orderLineItemAmounts"]!.AsArray().Select(a => (decimal)a!["amount"]!["value"]!));
        Assert.Equal("amzn_us", (string?)package["packageTracker"]!["packageTrackerIdentifier"]!["carrierCode"]);
        Assert.Equal("INFO_RECEIVED", (string?)package["packageTracker"]!["latestMilestone"]!["status"]!["code"]);
        Assert.All(read["lineItems"]!.AsArray(), l => Assert.Equal("PENDING", (string?)l!["packageInformation"]!["details"]![0]!["state"]));
    }

    [Fact]
    public async Task A_merchant_delivered_line_item_gets_no_package_and_a_package_the_merchant_names_stays_its_own()
    {
        var order = await _setup.Create(lineItems: 21, executionState: "STARTED"); // OrderSetup: item 21 is merchant-delivered
        var bwpPackage = Assert.Single(await Bwp.Packages(order.Id));

        // A package BwP does not know is recorded as the merchant sent it: listed, carrying no line items, and BwP's side
        // never moves it (the sandbox refuses its id), cancels it or counts it in the summary.
        (await _setup.Update(order.Id, new JsonObject
        {
            ["packageInformation"] = new JsonObject { ["details"] = new JsonArray(new JsonObject { ["id"] = "my-own-package", ["aliases"] = OrderSetup.Aliases(("EXTERNAL_ID", "x")) }) },
        })).AssertSuccess();
        var moved = await server.AssertChangesNothing(_setup.Target, order.Id, () => Bwp.MovePackage(order.Id, "my-own-package", "IN_TRANSIT"));
        moved.AssertError("ValidationError", "PackageInformationDetailIdNotFound");
        (await Bwp.MovePackage(order.Id, bwpPackage.Id, "IN_TRANSIT")).AssertSuccess();

        JsonMatch.Assert($$$$"""
            {"summary":{"state":"IN_TRANSIT"},"details":[
              {"id":"{{{{bwpPackage.Id}}}}","state":"IN_TRANSIT","aliases":[]},
              {"id":"my-own-package","state":"PENDING","aliases":[{"aliasType":"EXTERNAL_ID","aliasId":"x"}]}]}
            """, (await _setup.Read(order.Id, "packageInformation { summary { state } details { id state aliases { aliasType aliasId } } }"))["packageInformation"]);
        var covered = (await _setup.Read(order.Id, "packageInformation { details { packageInformationDetailsFor { orderLineItemAmounts { amount { value } } } } }"))["packageInformation"]!["details"]!;
        Assert.Equal(20, covered[0]!["packageInformationDetailsFor"]!["orderLineItemAmounts"]!.AsArray().Count);
        Assert.Null(covered[1]!["packageInformationDetailsFor"]);
        Assert.Single((await _setup.Read(order.Id, "lineItems { packageInformation { details { id } } }"))["lineItems"]![0]!["packageInformation"]!["details"]!.AsArray());
    }

    [Fact]
    public async Task V2024_11_01_a_package_goes_in_transit_then_delivered_with_bwp_events()
    {
        var order = await _setup.Create(executionState: "STARTED");
        var package = (await Bwp.Packages(order.Id)).Single();

        (await Bwp.MovePackage(order.Id, package.Id, "IN_TRANSIT")).AssertSuccess();
        (await Bwp.MovePackage(order.Id, package.Id, "DELIVERED")).AssertSuccess();

        Assert.Equal("DELIVERED", (await Bwp.Packages(order.Id)).Single().State);
        Assert.Equal(["ORDER_CONFIRMED", "PACKAGE_DELIVERY_IN_TRANSIT", "PACKAGE_TRACKER_MILESTONE_CHANGED", "PACKAGE_DELIVERED", "PACKAGE_TRACKER_MILESTONE_CHANGED"],
            await Bwp.Events(order.Id));
        Assert.Equal(["DELIVERY_IN_TRANSIT", "DELIVERY_COMPLETED"], await Bwp.Events(order.Id, ApiClient.V2024_01_01));
        var outbox = await server.Store.ReadOutboxAsync(_setup.Target, order.Id);
        Assert.Equal($"businessProduct/{_setup.Target}/order/{order.Id}/delivery/{package.Id}", outbox.First(e => e.EventType == "PACKAGE_DELIVERED").Resource);
        Assert.Equal($"businessProduct/{_setup.Target}/carrier/amzn_us/tracker/{package.TrackingNumber}",
            outbox.First(e => e.EventType == "PACKAGE_TRACKER_MILESTONE_CHANGED").Resource);
    }

    [Fact]
    public async Task V2024_01_01_the_documented_delivery_examples_move_a_package()
    {
        var order = await _setup.Create(executionState: "STARTED");
        var package = (await Bwp.Packages(order.Id)).Single();
        var ids = new Dictionary<string, string>
        {
            ["123-4567-8910"] = order.Id, ["example-delivery-information-id"] = package.Id, ["example-line-item-id-1"] = order.LineItemId,
        };

        // The example sends reason CUSTOMER_REQUESTED with IN_TRANSIT: a reason only matters for CANCELLED.
        var inTransit = await server.Api.Send(_setup.Target, ApiClient.V2024_01_01,
            Docs.Request("2024-01-01/updateOrderDeliveryInformation.update-delivery-information-state-from-pending-to-in-transit", ids));
        JsonMatch.Assert(Docs.Response("2024-01-01/updateOrderDeliveryInformation.update-delivery-information-state-from-pending-to-in-transit",
            new Dictionary<string, string> { ["123-4567-8910"] = order.Id }), inTransit.AssertSuccess().Body);
        var delivered = await server.Api.Send(_setup.Target, ApiClient.V2024_01_01, """
            mutation($input: UpdateOrderDeliveryInformationInput!) { updateOrderDeliveryInformation(input: $input) { order { deliveryInformation { summary { state } } } } }
            """, new JsonObject { ["input"] = new JsonObject
            {
                ["orderId"] = order.Id,
                ["details"] = new JsonArray(new JsonObject { ["id"] = package.Id, ["deliveryInformationState"] = new JsonObject { ["state"] = "DELIVERED" } }),
            } });

        Assert.Equal("DELIVERED", (string?)delivered.AssertSuccess().Data!["updateOrderDeliveryInformation"]!["order"]!["deliveryInformation"]!["summary"]!["state"]);
        Assert.Equal(["DELIVERY_IN_TRANSIT", "DELIVERY_COMPLETED"], await Bwp.Events(order.Id, ApiClient.V2024_01_01));
    }

    [Fact]
    public async Task V2024_01_01_cancelling_a_pending_delivery_as_documented_requests_a_refund()
    {
        var order = await _setup.Create(executionState: "STARTED");
        var package = (await Bwp.Packages(order.Id)).Single();
        var request = Docs.Request("2024-01-01/updateOrderDeliveryInformation.update-delivery-information-state-from-pending-to-cancelled", new Dictionary<string, string>
        {
            ["123-4567-8910"] = order.Id, ["example-delivery-information-id"] = package.Id, ["example-line-item-id-1"] = order.LineItemId,
        });

        (await server.Api.Send(_setup.Target, ApiClient.V2024_01_01, request)).AssertSuccess();

        Assert.Equal(["DELIVERY_CANCELLED", "REFUND_REQUESTED"], await Bwp.Events(order.Id, ApiClient.V2024_01_01));
        var refund = (await Bwp.Refunds(order.Id)).Single();
        Assert.Equal(("PENDING", "CANCELLED_ORDER", 10m), (refund.State, refund.Reason, refund.Total));
    }

    [Fact]
    public async Task V2024_11_01_the_documented_split_cancels_one_unit_and_ships_the_other()
    {
        var order = await _setup.Create(quantity: 2, executionState: "STARTED");
        var package = (await Bwp.Packages(order.Id)).Single();
        var name = "2024-11-01/updateOrderPackageInformation.update-partial-quantities-of-same-line-item-cancelled-unfulfillable-others-as-in-transit";

        var response = await server.Api.Send(_setup.Target, ApiClient.V2024_11_01, Docs.Request(name, new Dictionary<string, string>
        {
            ["123-4567-8910"] = order.Id, ["example-package-information-details-id"] = package.Id, ["example-line-item-id-1"] = order.LineItemId,
        }));

        JsonMatch.Assert(Docs.Response(name, new Dictionary<string, string> { ["123-4567-8910"] = order.Id }), response.AssertSuccess().Body);
        var packages = await Bwp.Packages(order.Id);
        Assert.Equal([(package.Id, "IN_TRANSIT"), (packages[1].Id, "CANCELLED")], packages.Select(p => (p.Id, p.State)));
        JsonMatch.Assert("""{"packageInformation":{"summary":{"state":"IN_TRANSIT"},"details":[{"reason":null},{"reason":"UNFULFILLABLE"}]}}""",
            await _setup.Read(order.Id, "packageInformation { summary { state } details { reason } }"));
        var refund = (await Bwp.Refunds(order.Id)).Single();
        Assert.Equal(("PENDING", "CANCELLED_ORDER", 10m), (refund.State, refund.Reason, refund.Total));
    }

    [Fact]
    public async Task An_undeliverable_package_in_transit_is_cancelled_and_bwp_requests_a_refund_the_merchant_settles()
    {
        var order = await _setup.Create(executionState: "STARTED");
        var package = (await Bwp.Packages(order.Id)).Single();
        (await Bwp.MovePackage(order.Id, package.Id, "IN_TRANSIT")).AssertSuccess();

        (await Bwp.MovePackage(order.Id, package.Id, "CANCELLED", "UNDELIVERABLE")).AssertSuccess();

        var refund = (await Bwp.Refunds(order.Id)).Single();
        Assert.Equal(("PENDING", "NOT_DELIVERED", 10m), (refund.State, refund.Reason, refund.Total));
        Assert.Equal(["PACKAGE_DELIVERY_CANCELLED", "PACKAGE_TRACKER_MILESTONE_CHANGED", "REFUND_REQUESTED"], (await Bwp.Events(order.Id))[3..]);
        var settle = Seeds.Request("2024-11-01.update-refund", new Dictionary<string, string> { ["123-4567-8910"] = order.Id, ["refund-123"] = refund.Id, ["1234567"] = order.LineItemId });
        (await server.Api.Send(_setup.Target, ApiClient.V2024_11_01, settle)).AssertSuccess();
        Assert.Equal("REFUND_COMPLETED", (await Bwp.Events(order.Id)).Last());
    }

    [Fact]
    public async Task A_delivered_tracker_milestone_delivers_the_package_and_the_package_tracker_query_shows_it()
    {
        var order = await _setup.Create(executionState: "STARTED");
        var package = (await Bwp.Packages(order.Id)).Single();

        var moved = await server.Api.Send(_setup.Target, ApiClient.V2024_11_01, $$"""
            mutation { updateOrderPackageInformation(orderIdentifier: { orderId: "{{order.Id}}" }, input: { packageInformation: { details: [{ id: "{{package.Id}}",
              packageState: { packageTrackerState: { packageTrackerIdentifier: { trackingNumber: "{{package.TrackingNumber}}", carrierCode: "amzn_us" }, milestone: { code: DELIVERED } } } }] } }) { order { id } } }
            """);
        moved.AssertSuccess();
        Assert.Equal("DELIVERED", (await Bwp.Packages(order.Id)).Single().State);

        var token = await server.Tokens.IssueAsync(_setup.Target, [BwpOrders.Domain.Access.Scopes.PackageTracking]);
        var tracker = await server.Api.Send(_setup.Target, ApiClient.V2024_11_01, $$"""
            { packageTracker(packageTrackerInput: { packageTrackerIdentifier: { trackingNumber: "{{package.TrackingNumber}}", carrierCode: "AMZN_US" } }) {
                packageTrackerIdentifier { carrierCode trackingNumber } latestMilestone { status { code message { locale value } } } milestones { status { code } } } }
            """, bearer: token);
        JsonMatch.Assert("""
            {"packageTracker":{"packageTrackerIdentifier":{"carrierCode":"amzn_us","trackingNumber":"<number>"},
             "latestMilestone":{"status":{"code":"DELIVERED","message":{"locale":"en-US","value":"Delivered"}}},
             "milestones":[{"status":{"code":"INFO_RECEIVED"}},{"status":{"code":"IN_TRANSIT"}},{"status":{"code":"DELIVERED"}}]}}
            """, tracker.AssertSuccess().Data, new Dictionary<string, string> { ["number"] = package.TrackingNumber });
    }

    [Fact]
    public async Task The_package_tracker_query_checks_its_scope_its_input_and_expiry()
    {
        var order = await _setup.Create(executionState: "STARTED");
        var package = (await Bwp.Packages(order.Id)).Single();
        string Query(string number, string carrier) => $$"""
            { packageTracker(packageTrackerInput: { packageTrackerIdentifier: { trackingNumber: "{{number}}", carrierCode: "{{carrier}}" } }) { trackingUrl } }
            """;
        var token = await server.Tokens.IssueAsync(_setup.Target, [BwpOrders.Domain.Access.Scopes.PackageTracking]);

        (await server.Api.Send(_setup.Target, null, Query(package.TrackingNumber, "amzn_us"))).AssertError("AccessDeniedError", "MissingScope"); // order scopes only
        (await server.Api.Send(_setup.Target, null, "query { ...T } fragment T on Query { " + Query(package.TrackingNumber, "amzn_us")[1..^1] + " }"))
            .AssertError("AccessDeniedError", "MissingScope"); // not even inside a fragment
        (await server.Api.Send(_setup.Target, null, Query("not a number!", "amzn_us"), bearer: token)).AssertError("ValidationError", "InvalidTrackingNumber");
        (await server.Api.Send(_setup.Target, null, Query(package.TrackingNumber, "pigeon"), bearer: token)).AssertError("ValidationError", "InvalidCarrierCode");
        (await server.Api.Send(_setup.Target, null, Query("TBA000000000000", "amzn_us"), bearer: token)).AssertError("ResourceNotFoundError");
        (await server.Api.Send(_setup.Target, null, Query(package.TrackingNumber, "amzn_us"), bearer: token)).AssertSuccess();

        await Bwp.Advance(TimeSpan.FromDays(91).TotalSeconds); // trackers expire 90 days after their last milestone
        (await server.Api.Send(_setup.Target, null, Query(package.TrackingNumber, "amzn_us"), bearer: token)).AssertError("ResourceNotFoundError");
    }
}
