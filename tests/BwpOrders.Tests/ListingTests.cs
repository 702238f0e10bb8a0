using System.Net;
using System.Text.Json.Nodes;
using BwpOrders.Domain.Access;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// <c>GET /control/v1/orders</c> and <c>/returns</c>: a target's orders and returns by alias, state, package state and
/// creation time, newest first, a page at a time; within the caller's target only; a filter it does not have is refused.
/// </summary>
public sealed class ListingTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly OrderSetup _setup = new(server.Api, "bp-listing-" + Guid.NewGuid());
    private BwpSide Bwp => new(server.Api, _setup.Target);

    [Fact]
    public async Task Orders_page_newest_first_and_the_next_cursor_walks_every_order_once()
    {
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await _setup.Create()).Id);
            await Bwp.Advance(1); // distinct creation times: within one millisecond the id decides, and ids are random
        }

        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await Orders("first=3" + (next is null ? "" : "&after=" + next));
            seen.AddRange(page["orders"]!.AsArray().Select(o => (string)o!["orderId"]!));
            next = (string?)page["next"];
            pages++;
        } while (next is not null);

        Assert.Equal(3, pages);
        Assert.Equal(created.AsEnumerable().Reverse(), seen);
        var newest = (await Orders("first=1"))["orders"]![0]!;
        Assert.Equal(("NOT_STARTED", null, 1L), ((string?)newest["executionState"], (string?)newest["packageState"], (long)newest["version"]!));
    }

    [Fact]
    public async Task Orders_are_found_by_alias_id_state_and_package_state_as_they_move()
    {
        var plain = await _setup.Create(aliases: OrderSetup.Aliases(("SHOPIFY_ORDER", "1001")));
        await Bwp.Advance(1);
        var started = await _setup.Create(aliases: OrderSetup.Aliases(("SHOPIFY_ORDER", "1002"), ("ERP", "1001")), executionState: "STARTED");

        Assert.Equal([started.Id, plain.Id], Ids(await Orders("alias=1001")));
        Assert.Equal([plain.Id], Ids(await Orders("alias=1001&aliasType=SHOPIFY_ORDER")));
        Assert.Equal([started.Id], Ids(await Orders($"orderId={started.Id}")));
        Assert.Equal([started.Id], Ids(await Orders("state=started")));
        Assert.Equal([plain.Id], Ids(await Orders("state=NOT_STARTED")));
        Assert.Equal([started.Id], Ids(await Orders("packageState=PENDING")));
        var listed = (await Orders($"orderId={started.Id}"))["orders"]![0]!;
        JsonMatch.Assert("""[{"aliasType":"ERP","aliasId":"1001"},{"aliasType":"SHOPIFY_ORDER","aliasId":"1002"}]""", listed["aliases"]);

        await Bwp.DeliverAll(started.Id);

        Assert.Empty(Ids(await Orders("packageState=PENDING")));
        Assert.Equal([started.Id], Ids(await Orders("packageState=DELIVERED&state=STARTED")));
        Assert.Empty(Ids(await Orders("packageState=DELIVERED&state=NOT_STARTED")));
    }

    [Fact]
    public async Task Orders_are_found_by_creation_time_on_the_targets_clock()
    {
        var early = await _setup.Create();
        await Bwp.Advance(3600);
        var late = await _setup.Create();
        var lateCreated = (string)(await Orders($"orderId={late.Id}"))["orders"]![0]!["createdAt"]!;

        Assert.Equal([early.Id], Ids(await Orders("createdBefore=" + lateCreated)));
        Assert.Equal([late.Id], Ids(await Orders("createdAfter=" + lateCreated)));
        var day = DateTimeOffset.Parse(lateCreated).UtcDateTime.AddDays(1).ToString("yyyy-MM-dd");
        Assert.Empty(Ids(await Orders("createdAfter=" + day)));
        Assert.Equal(2, Ids(await Orders("createdBefore=" + day)).Count);
    }

    [Fact]
    public async Task Returns_list_merchant_and_shopper_returns_with_their_state_as_it_moves()
    {
        var order = await _setup.Create(quantity: 3, executionState: "STARTED");
        await Bwp.DeliverAll(order.Id);
        var external = await _setup.AddReturn(order.Id, order.LineItemId);
        await Bwp.Advance(1);
        var (shopper, packageId, returnLineItemId) = await Bwp.StartReturn(order.Id, order.LineItemId);
        var other = await _setup.Create();

        var all = (await Returns(""))["returns"]!.AsArray();
        Assert.Equal([(shopper, true), (external, false)], all.Select(r => ((string)r!["returnId"]!, (bool)r["startedThroughBwp"]!)));
        Assert.All(all, r => Assert.Equal(order.Id, (string?)r!["orderId"]));
        Assert.Equal([shopper], ReturnIds(await Returns("startedThroughBwp=true&state=CREATED")));
        Assert.Equal([external], ReturnIds(await Returns($"returnId={external}")));
        Assert.Empty(ReturnIds(await Returns($"orderId={other.Id}")));

        (await Bwp.MoveReturn(order.Id, shopper, packages: [(packageId, "IN_TRANSIT")])).AssertSuccess();
        (await Bwp.MoveReturn(order.Id, shopper, packages: [(packageId, "DELIVERED")], gradings: [(returnLineItemId, "SELLABLE")])).AssertSuccess();
        var state = await Bwp.ReturnState(shopper);

        Assert.NotEqual("CREATED", state);
        Assert.Equal([shopper], ReturnIds(await Returns("state=" + state)));
        Assert.Equal([external], ReturnIds(await Returns("state=CREATED")));
        var paged = await Returns("first=1");
        Assert.Equal([shopper], ReturnIds(paged));
        Assert.Equal([external], ReturnIds(await Returns("first=1&after=" + (string)paged["next"]!)));
    }

    [Theory]
    [InlineData("/orders?stat=STARTED", "no filter stat")]
    [InlineData("/orders?state=SHIPPED", "state must be one of NOT_STARTED, STARTED")]
    [InlineData("/orders?packageState=LOST", "packageState must be one of")]
    [InlineData("/orders?createdAfter=yesterday", "createdAfter must be an ISO-8601 time")]
    [InlineData("/orders?first=0", "first must be 1 to 500")]
    [InlineData("/orders?first=501", "first must be 1 to 500")]
    [InlineData("/orders?after=bm90LWEtY3Vyc29y", "after must be the next value of a previous page")]
    [InlineData("/orders?aliasType=ERP", "give alias")]
    [InlineData("/orders?state=STARTED&state=NOT_STARTED", "state is given twice")]
    [InlineData("/returns?startedThroughBwp=yes", "startedThroughBwp must be true or false")]
    [InlineData("/returns?alias=1", "no filter alias")]
    public async Task A_filter_the_listing_cannot_take_is_refused_in_BwPs_error_shape(string path, string message)
    {
        var (status, body) = await server.Api.Control(HttpMethod.Get, path, _setup.Target);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body["errors"]![0]!;
        var classification = error["extensions"]!["classification"]!;
        Assert.Equal(("ValidationError", "InvalidInput"), ((string?)classification["type"], (string?)classification["code"]));
        Assert.Contains(message, (string)error["message"]!);
    }

    [Fact]
    public async Task Another_targets_orders_and_returns_are_never_listed_and_reading_needs_View_Order_Data()
    {
        var mine = await _setup.Create(aliases: OrderSetup.Aliases(("SHARED", "same-alias")));
        await _setup.AddReturn(mine.Id, mine.LineItemId);
        var other = new OrderSetup(server.Api, "bp-listing-other-" + Guid.NewGuid());
        var theirs = await other.Create(aliases: OrderSetup.Aliases(("SHARED", "same-alias")));
        await other.AddReturn(theirs.Id, theirs.LineItemId);

        Assert.Equal([mine.Id], Ids(await Orders("alias=same-alias")));
        Assert.Empty(Ids(await Orders($"orderId={theirs.Id}")));
        Assert.Equal([mine.Id], (await Returns(""))["returns"]!.AsArray().Select(r => (string)r!["orderId"]!));

        var editOnly = await server.Tokens.IssueAsync(_setup.Target, [Scopes.EditOrderData]);
        foreach (var path in new[] { "/orders", "/returns" })
        {
            var (status, body) = await server.Api.Control(HttpMethod.Get, path, _setup.Target, bearer: editOnly);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Equal(("AccessDeniedError", "MissingScope"), ((string?)body["errors"]![0]!["extensions"]!["classification"]!["type"], (string?)body["errors"]![0]!["extensions"]!["classification"]!["code"]));
        }
    }

    private async Task<JsonNode> Orders(string query) => await List("/orders?" + query);

    private async Task<JsonNode> Returns(string query) => await List("/returns?" + query);

    private async Task<JsonNode> List(string path)
    {
        var (status, body) = await server.Api.Control(HttpMethod.Get, path, _setup.Target);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    private static List<string> Ids(JsonNode page) => page["orders"]!.AsArray().Select(o => (string)o!["orderId"]!).ToList();

    private static List<string> ReturnIds(JsonNode page) => page["returns"]!.AsArray().Select(o => (string)o!["returnId"]!).ToList();
}
