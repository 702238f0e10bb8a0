using System.CommandLine;
using System.Text.Json;
using BwpOrders.Domain.Access;
using BwpOrders.Server.Hosting;
using BwpOrders.Storage;

namespace BwpOrders.Cli;

/// <summary>
/// <c>targets create|reset</c>: directly on a store, what <c>POST /control/v1/targets</c> and <c>POST /control/v1/reset</c>
/// do over HTTP. A running server on the same store forgets what it cached of a target reset this way only as its
/// caches expire (seconds); reset over HTTP when one runs.
/// </summary>
public static class TargetCommands
{
    public static Command Build(Option<string> storage)
    {
        var create = new Command("create", "Create a fresh target with an all-scopes credential; prints {targetId, clientId, clientSecret, scopes} (the secret only now)") { storage };
        create.SetAction(async (parse, ct) =>
        {
            var store = StorageSpec.Open(parse.GetValue(storage)!);
            await store.Orders.MigrateAsync(ct);
            var issued = await new CredentialService(store.Credentials, TimeProvider.System).CreateTestTargetAsync(ct);
            var c = ApiCredential.From(issued);
            Console.WriteLine(JsonSerializer.Serialize(new { c.TargetId, c.ClientId, c.ClientSecret, c.Scopes }, JsonSerializerOptions.Web));
            return 0;
        });

        var target = new Option<string>("--target-id") { Description = "The target to empty (its credentials and snapshots stay)", Required = true };
        var reset = new Command("reset", "Empty a target: orders, returns, refunds, subscriptions, auth profiles, deliveries, clock") { target, storage };
        reset.SetAction(async (parse, ct) =>
        {
            var store = StorageSpec.Open(parse.GetValue(storage)!);
            await store.Orders.MigrateAsync(ct);
            await store.TargetStates.ResetAsync(parse.GetValue(target)!, ct);
            Console.WriteLine("reset");
            return 0;
        });

        return new Command("targets", "Targets for tests: fresh ones, and emptying one") { create, reset };
    }
}
