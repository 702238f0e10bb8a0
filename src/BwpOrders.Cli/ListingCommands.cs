using System.CommandLine;
using System.Text.Json;
using BwpOrders.Server.Auth;
using BwpOrders.Server.Control;
using BwpOrders.Storage;

namespace BwpOrders.Cli;

/// <summary>
/// <c>orders list</c> and <c>returns list</c>: the listings of <c>/control/v1/orders</c> and <c>/control/v1/returns</c>
/// directly on a store, with the same filters (<c>--package-state</c> is <c>packageState</c>) checked by the same code.
/// One line per row, then <c>next CURSOR</c> when another page follows; <c>--json</c> prints the API's answer instead.
/// </summary>
public static class ListingCommands
{
    public static IEnumerable<Command> Build(Option<string> storage)
    {
        yield return Listing("orders", "The target's orders, newest first, found by id, alias, state, package state and creation time", storage,
            ["order-id", "alias", "alias-type", "state", "package-state", "created-after", "created-before"],
            async (store, target, query, json, ct) =>
            {
                var page = await store.Orders.SearchOrdersAsync(target, ListingsApi.OrderSearchOf(query), ct);
                if (json) return new { orders = page.Items.Select(ListingsApi.OrderView), next = ListingQuery.Encode(page.Next) };
                foreach (var o in page.Items)
                    Console.WriteLine($"{o.OrderId}\t{o.ExecutionState}\t{o.PackageState ?? "-"}\t{o.CreatedAt}\t{string.Join(",", o.Aliases.Select(a => $"{a.AliasType}:{a.AliasId}"))}");
                return page.Next;
            });
        yield return Listing("returns", "The target's returns, newest first, found by id, order, state, origin and creation time", storage,
            ["return-id", "order-id", "state", "started-through-bwp", "created-after", "created-before"],
            async (store, target, query, json, ct) =>
            {
                var page = await store.Orders.SearchReturnsAsync(target, ListingsApi.ReturnSearchOf(query), ct);
                if (json) return new { returns = page.Items, next = ListingQuery.Encode(page.Next) };
                foreach (var r in page.Items)
                    Console.WriteLine($"{r.ReturnId}\t{r.OrderId}\t{r.State}\t{(r.StartedThroughBwp ? "shopper (BwP)" : "merchant")}\t{r.CreatedAt}");
                return page.Next;
            });
    }

    /// <summary>A listing's answer in JSON, or the cursor of its next page once its rows are printed.</summary>
    private delegate Task<object?> List(BwpStorage store, string target, ListingQuery query, bool json, CancellationToken ct);

    private static Command Listing(string name, string description, Option<string> storage, string[] filters, List list)
    {
        var target = new Option<string>("--target-id") { Description = "The target whose " + name + " these are", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the control API's JSON answer" };
        var options = filters.Append("first").Append("after").Select(f => new Option<string?>("--" + f) { Description = $"The {Parameter(f)} filter of /control/v1/{name}" }).ToList();
        var command = new Command("list", description) { target, json, storage };
        foreach (var option in options) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var query = new ListingQuery(options.Select(o => new KeyValuePair<string, string?>(Parameter(o.Name.TrimStart('-')), parse.GetValue(o))), $"{name} list");
            var store = StorageSpec.Open(parse.GetValue(storage)!);
            await store.Orders.MigrateAsync(ct);
            try
            {
                var answer = await list(store, parse.GetValue(target)!, query, parse.GetValue(json), ct);
                if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(answer, JsonSerializerOptions.Web));
                else if (answer is Domain.SearchCursor next) Console.WriteLine("next\t" + ListingQuery.Encode(next));
                return 0;
            }
            catch (RequestRejected refused)
            {
                Console.Error.WriteLine(refused.Message);
                return 2;
            }
        });
        return new Command(name, $"A target's {name} (mirrors /control/v1/{name})") { command };
    }

    private static string Parameter(string option) => OptionNames.Field(option);
}

/// <summary>How the CLI's options name the fields of the control API they stand for.</summary>
internal static class OptionNames
{
    /// <summary>--package-state (or package-state) → packageState.</summary>
    public static string Field(string option)
    {
        var parts = option.TrimStart('-').Split('-');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
