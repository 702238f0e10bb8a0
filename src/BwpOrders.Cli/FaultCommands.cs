using System.CommandLine;
using System.Text.Json.Nodes;

namespace BwpOrders.Cli;

/// <summary>
/// <c>faults list|add|clear</c>: a running sandbox server's fault rules, through its control API (/control/v1/faults):
/// rules live in the server's memory, not in the store. The token comes from <c>--token</c> or <c>BWP_TOKEN</c>.
/// </summary>
public static class FaultCommands
{
    public static Command Build()
    {
        var server = new RunningServer();

        var list = new Command("list", "The target's fault rules with their hits, as JSON");
        list.SetAction((parse, ct) => server.CallAsync(parse, HttpMethod.Get, "/faults", null, ct));

        var error = new Option<string>("--error") { Description = "ThrottlingError, ConflictError, InternalServerError, Timeout, Latency, DropConnection or DeliveryFailure", Required = true };
        var texts = new[] { "operation", "version", "order-id", "alias-type", "alias-id", "subscription-id" }
            .Select(name => new Option<string?>("--" + name) { Description = $"The rule's {name}" }).ToArray();
        var numbers = new[] { "count", "seed", "latency-ms", "retry-after-seconds" }.Select(name => new Option<int?>("--" + name) { Description = $"The rule's {name}" }).ToArray();
        var probability = new Option<double?>("--probability") { Description = "Fault each matching call with this chance (0 < P <= 1), seeded" };
        var add = new Command("add", "Add a fault rule (the fields of POST /control/v1/faults); prints it with its id") { error, probability };
        foreach (var option in texts) add.Options.Add(option);
        foreach (var option in numbers) add.Options.Add(option);
        add.SetAction((parse, ct) =>
        {
            var rule = new JsonObject { ["error"] = parse.GetValue(error) };
            foreach (var option in texts.Where(o => o.Name is not ("--alias-type" or "--alias-id")))
                if (parse.GetValue(option) is { } text) rule[Field(option.Name)] = text;
            foreach (var option in numbers)
                if (parse.GetValue(option) is { } n) rule[Field(option.Name)] = n;
            if (parse.GetValue(probability) is { } p) rule["probability"] = p;
            if (parse.GetValue(texts[3]) is { } aliasType && parse.GetValue(texts[4]) is { } aliasId)
                rule["alias"] = new JsonObject { ["aliasType"] = aliasType, ["aliasId"] = aliasId };
            return server.CallAsync(parse, HttpMethod.Post, "/faults", rule, ct);
        });

        var id = new Option<string?>("--id") { Description = "Delete only this rule" };
        var clear = new Command("clear", "Delete the target's fault rules (or one, with --id)") { id };
        clear.SetAction((parse, ct) => server.CallAsync(parse, HttpMethod.Delete, "/faults" + (parse.GetValue(id) is { } one ? "/" + Uri.EscapeDataString(one) : ""), null, ct));

        var faults = new Command("faults", "Fault injection on a running sandbox server (mirrors /control/v1/faults)") { list, add, clear };
        foreach (var command in new[] { list, add, clear }) server.AddTo(command);
        return faults;
    }

    /// <summary>--latency-ms → latencyMs: the body's field names.</summary>
    private static string Field(string option) => OptionNames.Field(option);
}
