using System.CommandLine;
using BwpOrders.Domain.Access;
using BwpOrders.Domain.Events;
using BwpOrders.Server.Control;
using BwpOrders.Server.Events;
using BwpOrders.Server.Events.Sending;
using BwpOrders.Server.Hosting;
using BwpOrders.Storage;

namespace BwpOrders.Cli;

/// <summary>
/// <c>deliveries list|redeliver</c> (mirrors /control/v1/deliveries) and <c>webhook-keys list|rotate|retire</c>, on a
/// store directly. The secrets key comes from <c>Secrets__Key</c> as for <c>serve</c>.
/// </summary>
public static class EventCommands
{
    public static IEnumerable<Command> Build(Option<string> storage)
    {
        var target = new Option<string>("--target-id") { Description = "The target whose deliveries these are", Required = true };
        var status = new Option<string?>("--status") { Description = "PENDING, DELIVERED or FAILED" };
        var subscription = new Option<string?>("--subscription-id") { Description = "Only this subscription's deliveries" };
        var list = new Command("list", "The newest deliveries with their attempts") { target, status, subscription, storage };
        list.SetAction(async (parse, ct) =>
        {
            var events = await OpenAsync(parse.GetValue(storage)!, ct);
            var query = new DeliveryQuery(parse.GetValue(target)!, parse.GetValue(subscription), parse.GetValue(status)?.ToUpperInvariant(), First: 100);
            foreach (var d in await DeliveriesApi.ViewsAsync(events, query, ct))
                Console.WriteLine($"{d.Id}\t{d.State}\t{d.EventType}\t{d.SubscriptionId}\torder {d.OrderId}\t{d.Attempts.Count} attempt(s)"
                                  + (d.Attempts.LastOrDefault() is { } last ? $"\tlast: {last.StatusCode?.ToString() ?? "-"} {last.Error}" : ""));
            return 0;
        });

        var id = new Argument<long>("delivery-id") { Description = "The delivery to send again" };
        var redeliver = new Command("redeliver", "Send a delivery again (same body and ids) as soon as a server process is free") { id, target, storage };
        redeliver.SetAction(async (parse, ct) =>
        {
            var events = await OpenAsync(parse.GetValue(storage)!, ct);
            if (await events.RedeliverAsync(parse.GetValue(target)!, parse.GetValue(id), TimeProvider.System.GetUtcNow(), ct) is null)
            {
                Console.Error.WriteLine($"No delivery {parse.GetValue(id)} in target {parse.GetValue(target)}, or its subscription was deleted.");
                return 1;
            }
            Console.WriteLine($"delivery {parse.GetValue(id)} queued");
            return 0;
        });

        var keysList = new Command("list", "Webhook signing keys (published at /jwks.json until retired)") { storage };
        keysList.SetAction(async (parse, ct) =>
        {
            foreach (var k in await (await OpenAsync(parse.GetValue(storage)!, ct)).ListSigningKeysAsync(ct))
                Console.WriteLine($"{k.Kid}\tcreated {k.CreatedAt}\t{(k.RetiredAt is null ? "live" : "retired " + k.RetiredAt)}");
            return 0;
        });
        var curve = new Option<string>("--curve") { Description = "P-384 (ES384) or P-256 (ES256)", DefaultValueFactory = _ => "P-384" };
        var rotate = new Command("rotate", "Add a new signing key; it signs from now on, the old ones stay published") { curve, storage };
        rotate.SetAction(async (parse, ct) =>
        {
            Console.WriteLine(await new WebhookSigner(await OpenAsync(parse.GetValue(storage)!, ct), TimeProvider.System, parse.GetValue(curve)!).RotateAsync(ct));
            return 0;
        });
        var kid = new Argument<string>("kid") { Description = "The key to stop publishing" };
        var retire = new Command("retire", "Stop publishing (and using) a key") { kid, storage };
        retire.SetAction(async (parse, ct) =>
        {
            var signer = new WebhookSigner(await OpenAsync(parse.GetValue(storage)!, ct), TimeProvider.System);
            try
            {
                if (await signer.RetireAsync(parse.GetValue(kid)!, ct)) return 0;
                Console.Error.WriteLine($"No live key {parse.GetValue(kid)}.");
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine(e.Message);
            }
            return 1;
        });

        return
        [
            new Command("deliveries", "The webhook and EventBridge delivery log") { list, redeliver },
            new Command("webhook-keys", "Keys that sign webhook deliveries") { keysList, rotate, retire },
        ];
    }

    private static async Task<IEventStore> OpenAsync(string spec, CancellationToken ct)
    {
        var storage = StorageSpec.Open(spec);
        await storage.Orders.MigrateAsync(ct);
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var secrets = configuration.GetSection("Secrets").Get<SecretsSettings>() ?? new SecretsSettings();
        return storage.Events(await SecretsKey.ForEventsAsync(SecretsKey.Configured(secrets), storage));
    }
}
