using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// The 2024-11-01 Returns interface's DRAFT negotiation: a DRAFT return carries BwP's return delivery offers
/// (returnDeliveryGroups), updateReturn chooses one, and submitting sends the return back by it. updateReturn also
/// takes the return's identifier as its second argument, as one edition of its page lists it.
/// </summary>
public sealed class ReturnNegotiationTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly VerbatimRequests Docs = new("DocExamples");
    private const string Groups = "returnDeliveryGroups { returnDeliveryOffer { details { id message { instructions { value } } returnDeliveryTerm { locator { url } } } } }";
    private const string DropOffInstruction = "Bring the items to a UPS Store; they pack and ship them for free. Show the return code from your confirmation email.";
    private const string DropOffLocator = "https://returns.example.amazon.com/dropoff-locations?carrier=ups";
    private readonly OrderSetup _setup = new(server.Api, "bp-" + Guid.NewGuid());
    private BwpSide Bwp => new(server.Api, _setup.Target);

    [Fact]
    public async Task V2024_11_01_update_return_with_return_delivery_offers_chooses_an_offer_of_the_draft()
    {
        var (order, returnId) = await Draft();
        const string name = "2024-11-01/updateReturn.update-return-with-return-delivery-offers";

        var chosen = await server.Api.Send(_setup.Target, ApiClient.V2024_11_01,
            Docs.Request(name, new Dictionary<string, string> { ["return-id"] = returnId, ["return-delivery-offer-details-id"] = returnId + "-dropoff" }));

        // The documented response, with this server's ids, its drop-off wording and its locator page.
        var expected = Docs.Response(name, new Dictionary<string, string>
            {
                ["return-id"] = returnId, ["2024-12-24T08:52:08.592403284Z"] = "<timestamp>", ["753-081"] = returnId + "-dropoff",
                ["Staples will pack, label, and ship your return for free. Just bring the item in its original packaging and disassemble it, if needed. We'll email you a return shipping code. Show it to an associate at any Staples store."] = DropOffInstruction,
            })
            .Replace("\"url\": \"\"", $"\"url\": \"{DropOffLocator}\"");
        JsonMatch.Assert(expected, chosen.AssertSuccess().Body);
        Assert.DoesNotContain("RETURN_STARTED", await Bwp.Events(order.Id));

        var submitted = await Submit(returnId);

        var details = submitted.AssertSuccess().Data!["updateReturn"]!["returnDetails"]!;
        Assert.Equal(("CREATED", returnId + "-dropoff"), ((string?)details["state"], (string?)details["returnDeliveryGroups"]![0]!["returnDeliveryOffer"]!["details"]!["id"]));
        Assert.Contains(DropOffInstruction, details["returnPackageDetails"]![0]!["instructions"]!.AsArray().Select(i => (string?)i!["value"]));
        var late = await server.AssertChangesNothing(_setup.Target, order.Id, () => Choose(returnId, returnId + "-pickup"));
        Assert.Contains("chosen while the return is a DRAFT", (string)late.AssertError("ValidationError", "InvalidReturnStateTransition")["message"]!);
    }

    [Fact]
    public async Task V2024_11_01_a_draft_offers_drop_off_and_pickup_and_goes_back_by_the_one_chosen_or_the_drop_off()
    {
        var (order, returnId) = await Draft(quantity: 3);
        var offered = (await ReturnOffers(returnId)).AsArray();
        JsonMatch.Assert("""
            [{"returnDeliveryOffer":{"details":{"id":"<dropoff>","message":{"instructions":[{"value":"<instruction>"},{"value":"Printer not required."}]},
               "returnDeliveryTerm":{"locator":{"url":"<locator>"}}}}},
             {"returnDeliveryOffer":{"details":{"id":"<pickup>","message":{"instructions":[{"value":"<id>"}]},"returnDeliveryTerm":{"locator":null}}}}]
            """, offered, new Dictionary<string, string>
            {
                ["dropoff"] = returnId + "-dropoff", ["pickup"] = returnId + "-pickup", ["instruction"] = DropOffInstruction, ["locator"] = DropOffLocator,
            });

        var unknown = await server.AssertChangesNothing(_setup.Target, order.Id, () => Choose(returnId, "753-081"));
        Assert.Contains($"choose one of {returnId}-dropoff, {returnId}-pickup", (string)unknown.AssertError("ValidationError", "InvalidReturnDeliveryOfferId")["message"]!);
        var two = new JsonArray(Group(returnId + "-dropoff"), Group(returnId + "-pickup"));
        (await server.AssertChangesNothing(_setup.Target, order.Id, () => Bwp.UpdateReturn(new JsonObject
        {
            ["returnIdentifier"] = new JsonObject { ["id"] = returnId }, ["returnDeliveryGroups"] = two,
        }, "id"))).AssertError("ValidationError", "InvalidInput");
        (await Choose(returnId, returnId + "-pickup")).AssertSuccess();
        Assert.Equal([returnId + "-pickup"], Offers(await ReturnOffers(returnId)));
        (await Submit(returnId)).AssertSuccess();
        Assert.Equal([returnId + "-pickup"], Offers(await ReturnOffers(returnId)));

        var (_, unchosen) = await Draft(order);
        (await Submit(unchosen)).AssertSuccess();
        Assert.Equal([unchosen + "-dropoff"], Offers(await ReturnOffers(unchosen)));
        var external = await _setup.AddReturn(order.Id, order.LineItemId);
        var read = await _setup.Read(order.Id, $"returns {{ details {{ id {Groups} }} }}");
        Assert.Empty(read["returns"]!["details"]!.AsArray().Single(r => (string?)r!["id"] == external)!["returnDeliveryGroups"]!.AsArray());
    }

    [Fact]
    public async Task V2024_11_01_update_return_takes_the_identifier_inside_input_or_as_its_second_argument()
    {
        var (order, returnId) = await Draft();
        var aliases = OrderSetup.Aliases(("EXTERNAL-RETURN-ID", "external-return-id-1"));
        var byArgument = await Bwp.UpdateReturn(new JsonObject { ["aliases"] = aliases }, "id aliases { aliasId }", new JsonObject { ["id"] = returnId });
        Assert.Equal("external-return-id-1", (string?)byArgument.AssertSuccess().Data!["updateReturn"]!["returnDetails"]!["aliases"]![0]!["aliasId"]);
        (await Bwp.UpdateReturn(new JsonObject { ["returnIdentifier"] = new JsonObject { ["id"] = returnId } }, "id", new JsonObject { ["id"] = returnId })).AssertSuccess();

        var different = await server.AssertChangesNothing(_setup.Target, order.Id, () => Bwp.UpdateReturn(
            new JsonObject { ["returnIdentifier"] = new JsonObject { ["id"] = returnId }, ["desiredReturnExecutionState"] = "STARTED" }, "id", new JsonObject { ["id"] = "other-return" }));
        Assert.Contains("name the return once", (string)different.AssertError("ValidationError", "InvalidInput")["message"]!);
        var neither = await server.Api.Send(_setup.Target, ApiClient.V2024_11_01, """mutation { updateReturn(input: { desiredReturnExecutionState: STARTED }) { returnDetails { id } } }""");
        Assert.Contains("identify the return", (string)neither.AssertError("ValidationError", "InvalidInput")["message"]!);
        var noReturn = await server.Api.Send(_setup.Target, ApiClient.V2024_11_01, """{ return { returnDetails { id } } }""");
        Assert.Contains("identify the return", (string)noReturn.AssertError("ValidationError", "InvalidInput")["message"]!);

        // The page's second example ("Update Return With Aliases") is cut off in its selection; it is closed there.
        var partial = Docs.PartialRequest("2024-11-01/updateReturn.update-return-with-aliases", new Dictionary<string, string> { ["return-id"] = returnId });
        var response = await server.Api.Send(_setup.Target, ApiClient.V2024_11_01, partial + "} } }");
        JsonMatch.Assert("""{"updateReturn":{"returnDetails":{"id":"<return>","createdAt":"<timestamp>"}}}""", response.AssertSuccess().Data,
            new Dictionary<string, string> { ["return"] = returnId });
    }

    private async Task<(CreatedOrder Order, string ReturnId)> Draft(decimal quantity = 1)
    {
        var order = await _setup.Create(quantity: quantity, executionState: "STARTED");
        await Bwp.DeliverAll(order.Id);
        return await Draft(order);
    }

    private async Task<(CreatedOrder Order, string ReturnId)> Draft(CreatedOrder order)
    {
        var created = (await Bwp.CreateReturn(order.Id, order.LineItemId, 1, null, "id state")).AssertSuccess().Data!["createReturn"]!["returnDetails"]!;
        Assert.Equal("DRAFT", (string?)created["state"]);
        return (order, (string)created["id"]!);
    }

    private static JsonObject Group(string offerId) =>
        new() { ["returnDeliveryOffer"] = new JsonObject { ["details"] = new JsonObject { ["id"] = offerId } } };

    private Task<GraphQLResponse> Choose(string returnId, string offerId) => Bwp.UpdateReturn(new JsonObject
    {
        ["returnIdentifier"] = new JsonObject { ["id"] = returnId }, ["returnDeliveryGroups"] = new JsonArray(Group(offerId)),
    }, "id state");

    private Task<GraphQLResponse> Submit(string returnId) => Bwp.UpdateReturn(new JsonObject
    {
        ["returnIdentifier"] = new JsonObject { ["id"] = returnId }, ["desiredReturnExecutionState"] = "STARTED",
    }, $"id state {Groups} returnPackageDetails {{ instructions {{ value }} }}");

    /// <summary>The return's returnDeliveryGroups, read through the <c>return</c> query.</summary>
    private async Task<JsonNode> ReturnOffers(string returnId) =>
        (await server.Api.Send(_setup.Target, ApiClient.V2024_11_01, $$"""{ return(input: { id: "{{returnId}}" }) { returnDetails { {{Groups}} } } }"""))
            .AssertSuccess().Data!["return"]!["returnDetails"]!["returnDeliveryGroups"]!;

    private static List<string> Offers(JsonNode groups) =>
        groups.AsArray().Select(g => (string)g!["returnDeliveryOffer"]!["details"]!["id"]!).ToList();
}
