using System.CommandLine;
using BwpOrders.Domain;
using BwpOrders.Domain.Catalog;
using BwpOrders.Server.Auth;
using BwpOrders.Server.Control;
using BwpOrders.Storage;

namespace BwpOrders.Cli;

/// <summary><c>catalog import FILE</c>: loads a catalog file into a target, directly on a store (mirrors POST /control/v1/catalog/import).</summary>
public static class CatalogCommands
{
    public static Command Build(Option<string> storage)
    {
        var target = new Option<string>("--target-id") { Description = "The target whose catalog it is", Required = true };
        var file = new Argument<FileInfo>("FILE") { Description = "A catalog file: {\"products\": [...]} (samples/catalog.json)" };
        var import = new Command("import", "Load products, their buyability and inventory into a target's catalog, all or nothing") { file, target, storage };
        import.SetAction(async (parse, ct) =>
        {
            var store = StorageSpec.Open(parse.GetValue(storage)!);
            await store.Orders.MigrateAsync(ct);
            var catalog = new CatalogService(store.Catalog, new SimulatedClock(store.Clocks, TimeProvider.System));
            try
            {
                await using var stream = parse.GetValue(file)!.OpenRead();
                var products = await catalog.ImportAsync(parse.GetValue(target)!, await CatalogApi.ReadAsync(stream, ct), ct);
                foreach (var product in products) Console.WriteLine($"{product.Id}\t{product.Sku}\t{product.Buyability}\t{product.BuyableQuantity}");
                Console.WriteLine($"{products.Count} product(s) imported into {parse.GetValue(target)}");
                return 0;
            }
            catch (Exception e) when (e is BwpException or RequestRejected)
            {
                Console.Error.WriteLine($"catalog import: {e.Message}");
                return 1;
            }
        });
        return new Command("catalog", "A target's Buy with Prime catalog") { import };
    }
}
