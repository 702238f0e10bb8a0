using System.Net;
using System.Text.Json.Nodes;
using BwpOrders.Storage;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// Orders and returns stored before the listings' columns existed (or restored from an older snapshot) get them from
/// their documents when the schema is migrated, so an upgraded store lists them by state like new ones.
/// </summary>
public sealed class ListingFillTests : FreshStorageTest
{
    [Fact]
    public async Task Rows_without_the_listing_columns_get_them_from_their_documents_at_the_next_start()
    {
        const string target = "bp-listing-fill";
        string started, plain, returnId;
        await using (var server = await ServerProcess.StartAsync(Storage))
        {
            var setup = new OrderSetup(server.Api, target);
            var order = await setup.Create(executionState: "STARTED");
            await new BwpSide(server.Api, target).DeliverAll(order.Id);
            returnId = await setup.AddReturn(order.Id, order.LineItemId, state: "COMPLETED");
            (started, plain) = (order.Id, (await setup.Create()).Id);
        }
        var store = StorageSpec.Open(Storage);
        await using (var connection = await store.Database.OpenAsync(CancellationToken.None))
        await using (var command = connection.CreateCommand())
        {
            // As a store written before the columns were added has them.
            command.CommandText = "UPDATE orders SET execution_state = NULL, package_state = NULL; UPDATE order_returns SET state = NULL, started_through_bwp = NULL, created_at = NULL";
            await command.ExecuteNonQueryAsync();
        }

        await using var restarted = await ServerProcess.StartAsync(Storage);

        Assert.Equal([started], await Listed(restarted.Api, target, "/orders?state=STARTED&packageState=DELIVERED", "orders", "orderId"));
        Assert.Equal([plain], await Listed(restarted.Api, target, "/orders?state=NOT_STARTED", "orders", "orderId"));
        Assert.Equal([returnId], await Listed(restarted.Api, target, "/returns?state=COMPLETED&startedThroughBwp=false", "returns", "returnId"));
    }

    private static async Task<List<string>> Listed(ApiClient api, string target, string path, string listing, string id)
    {
        var (status, body) = await api.Control(HttpMethod.Get, path, target);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return body[listing]!.AsArray().Select(o => (string)o![id]!).ToList();
    }
}
