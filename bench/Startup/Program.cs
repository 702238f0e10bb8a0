using System.Diagnostics;
using System.Runtime;
using BwpOrders.Testing;

// Starts N sandboxes one after another in this process and times each from BwpSandbox.StartAsync to its first
// successful GraphQL answer (the token exchange included), split into the start and the first answer.
var instances = args.Length == 2 && args[0] == "--instances" ? int.Parse(args[1]) : 10;
Console.WriteLine($"GC: {(GCSettings.IsServerGC ? "Server" : "Workstation")}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine("instance | start ms | first answer ms | total ms");
var totals = new List<double>();
for (var i = 1; i <= instances; i++)
{
    var clock = Stopwatch.StartNew();
    await using var bwp = await BwpSandbox.StartAsync();
    var started = clock.Elapsed.TotalMilliseconds;
    var answer = await bwp.GraphQLAsync("{ __typename }");
    if (answer.TryGetProperty("errors", out var errors)) throw new InvalidOperationException(errors.ToString());
    var total = clock.Elapsed.TotalMilliseconds;
    totals.Add(total);
    Console.WriteLine($"{i} | {started:0} | {total - started:0} | {total:0}");
}
var later = totals.Skip(1).Order().ToList();
if (later.Count > 0)
    Console.WriteLine($"first {totals[0]:0} ms; later ones: median {later[later.Count / 2]:0} ms, min {later[0]:0}, max {later[^1]:0}");
