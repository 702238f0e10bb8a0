using System.Net;
using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// Each target's simulated clock (<c>/control/v1/clock</c>, CLI <c>clock</c>) and <c>serve --simulate-fulfillment</c>:
/// BwP ships and delivers packages on that clock, so a week of fulfilment takes one call.
/// </summary>
public sealed class SimulatedClockTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new() { SimulateFulfillment = true, ConfigurationArgs = [.. ServerFixture.HighRateLimits, "--Simulation:ReturnGradedAfter=06:00:00"] };

    [Fact]
    public async Task One_clock_advance_ships_and_delivers_every_package_of_a_hundred_orders()
    {
        var setup = new OrderSetup(_server.Api, "bp-" + Guid.NewGuid());
        var bwp = new BwpSide(_server.Api, setup.Target);
        var orders = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => setup.Create(executionState: "STARTED")));

        Assert.Equal(0, await bwp.Advance(TimeSpan.FromHours(23).TotalSeconds)); // nothing ships before a day has passed
        var ran = await bwp.Advance(TimeSpan.FromDays(6).TotalSeconds);

        // Each package is shipped, then delivered two simulated days later, all within this one call; the server's
        // background runner may take some of the 200 steps alongside it, but none is left when the call returns.
        Assert.InRange(ran, 1, 200);
        foreach (var order in orders)
        {
            Assert.Equal("DELIVERED", (await bwp.Packages(order.Id)).Single().State);
            Assert.Equal(["ORDER_CONFIRMED", "PACKAGE_DELIVERY_IN_TRANSIT", "PACKAGE_TRACKER_MILESTONE_CHANGED", "PACKAGE_DELIVERED", "PACKAGE_TRACKER_MILESTONE_CHANGED"],
                await bwp.Events(order.Id));
        }
        // Each step happened at its own simulated time, not at the time of the advance.
        var milestones = (await setup.Read(orders[0].Id, "packageInformation { details { packageTracker { milestones { status { code } occurredAt } } } }"))
            ["packageInformation"]!["details"]![0]!["packageTracker"]!["milestones"]!.AsArray().Select(m => DateTimeOffset.Parse((string)m!["occurredAt"]!)).ToList();
        Assert.Equal([TimeSpan.FromDays(1), TimeSpan.FromDays(2)], [milestones[1] - milestones[0], milestones[2] - milestones[1]]);
    }

    [Fact]
    public async Task A_package_the_sandbox_already_moved_is_left_where_it_is()
    {
        var setup = new OrderSetup(_server.Api, "bp-" + Guid.NewGuid());
        var bwp = new BwpSide(_server.Api, setup.Target);
        var order = await setup.Create(executionState: "STARTED");
        var package = (await bwp.Packages(order.Id)).Single();
        (await bwp.MovePackage(order.Id, package.Id, "CANCELLED", "UNFULFILLABLE")).AssertSuccess();

        await bwp.Advance(TimeSpan.FromDays(7).TotalSeconds);

        Assert.Equal("CANCELLED", (await bwp.Packages(order.Id)).Single().State);
    }

    [Fact]
    public async Task A_return_delivered_back_is_graded_and_completed_after_Simulation_ReturnGradedAfter()
    {
        var setup = new OrderSetup(_server.Api, "bp-" + Guid.NewGuid());
        var bwp = new BwpSide(_server.Api, setup.Target);
        var order = await setup.Create(executionState: "STARTED");
        await bwp.Advance(TimeSpan.FromDays(3).TotalSeconds); // shipped and delivered on the clock
        var (returnId, packageId, _) = await bwp.StartReturn(order.Id, order.LineItemId);
        foreach (var state in new[] { "IN_TRANSIT", "DELIVERED" }) (await bwp.MoveReturn(order.Id, returnId, packages: [(packageId, state)])).AssertSuccess();

        await bwp.Advance(TimeSpan.FromHours(5).TotalSeconds);
        Assert.Equal("CREATED", await bwp.ReturnState(returnId));
        await bwp.Advance(TimeSpan.FromHours(2).TotalSeconds);

        Assert.Equal("COMPLETED", await bwp.ReturnState(returnId));
        Assert.Equal(["RETURN_ITEM_GRADED", "RETURN_COMPLETED"], (await bwp.Events(order.Id))[^2..]);
    }

    [Fact]
    public async Task Each_target_has_its_own_clock_and_changes_are_stamped_with_it()
    {
        var a = new OrderSetup(_server.Api, "bp-a-" + Guid.NewGuid());
        var b = new OrderSetup(_server.Api, "bp-b-" + Guid.NewGuid());

        var (_, before) = await _server.Api.Control(HttpMethod.Get, "/clock", a.Target);
        Assert.Equal(0, (double)before["offsetSeconds"]!);
        var (status, advanced) = await _server.Api.Control(HttpMethod.Post, "/clock/advance", a.Target, new JsonObject { ["seconds"] = 86400 });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((a.Target, 86400d), ((string)advanced["targetId"]!, (double)advanced["offsetSeconds"]!));
        var (_, other) = await _server.Api.Control(HttpMethod.Get, "/clock", b.Target);
        Assert.Equal(0, (double)other["offsetSeconds"]!);

        var inA = await a.Read((await a.Create()).Id, "metadata { createdAt }");
        var inB = await b.Read((await b.Create()).Id, "metadata { createdAt }");
        var difference = DateTimeOffset.Parse((string)inA["metadata"]!["createdAt"]!) - DateTimeOffset.Parse((string)inB["metadata"]!["createdAt"]!);
        Assert.InRange(difference.TotalHours, 23.9, 24.1);
    }

    [Theory]
    [InlineData("""{"seconds":-1}""")]
    [InlineData("""{"seconds":"60"}""")]
    [InlineData("""{"minutes":5}""")]
    [InlineData("""{"seconds":1e12}""")]
    [InlineData("""[60]""")]
    [InlineData("""not json""")]
    public async Task A_bad_advance_is_refused_and_moves_nothing(string body)
    {
        var target = "bp-" + Guid.NewGuid();
        var token = await _server.Tokens.ForTarget(target);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/control/v1/clock/advance") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Add("x-api-target-id", target);

        using var response = await _server.Api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!;
        Assert.Equal("InvalidInput", (string?)error["extensions"]!["classification"]!["code"]);
        Assert.Contains("seconds", (string?)error["message"]);
        var (_, clock) = await _server.Api.Control(HttpMethod.Get, "/clock", target);
        Assert.Equal(0, (double)clock["offsetSeconds"]!);
    }

    public Task InitializeAsync() => _server.InitializeAsync();
    public Task DisposeAsync() => _server.DisposeAsync();
}

/// <summary>The CLI mirror of the clock, on the server's store.</summary>
public sealed class ClockCliTests : FreshStorageTest
{
    [Fact]
    public async Task Clock_advance_runs_what_falls_due_and_clock_show_reports_the_offset()
    {
        const string target = "bp-cli-clock";
        string orderId;
        await using (var server = await ServerProcess.StartAsync(Storage, new Dictionary<string, string> { ["BWP_SIMULATE_FULFILLMENT"] = "true" }))
            orderId = (await new OrderSetup(server.Api, target).Create(executionState: "STARTED")).Id;

        var (exit, output) = await ServerProcess.RunCliAsync("clock", "advance", "--target-id", target, "--seconds", "259200", "--storage", Storage);
        Assert.Equal(0, exit);
        Assert.Contains("2 scheduled action(s) ran", output);
        var (_, shown) = await ServerProcess.RunCliAsync("clock", "show", "--target-id", target, "--storage", Storage);
        Assert.Contains("offset 259200 s", shown);
        var stored = await BwpOrders.Storage.StorageSpec.Open(Storage).Orders.FindAsync(target, new BwpOrders.Domain.Commands.OrderLookup(OrderId: orderId));
        Assert.Equal("DELIVERED", stored!.Order.PackageInformation.Details.Single().State);

        var (refused, message) = await ServerProcess.RunCliAsync("clock", "advance", "--target-id", target, "--seconds", "-5", "--storage", Storage);
        Assert.Equal(2, refused);
        Assert.Contains("only moves forward", message);
        Assert.DoesNotContain("   at ", message);
    }
}
