using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

// Drives generated hostile requests at a running server and reports its memory (bench/hostile.sh starts it).
// Exit code 0 only when: no 5xx, no dropped connection, no stored order changed, normal requests still answered,
// and the settled RSS is under --max-settled-mb.
var options = Options.Parse(args);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{
    BaseAddress = new Uri(options.Url),
    Timeout = TimeSpan.FromSeconds(60),
};
var token = await Token();
var orders = new List<HostileTarget>();
for (var i = 0; i < 3; i++) orders.Add(await CreateOrder(i));
var before = await Task.WhenAll(orders.Select(o => Snapshot(o.OrderId)));
var rssStart = Rss("VmRSS");

var statuses = new SortedDictionary<int, int>();
var transportErrors = 0;
var peakSampled = rssStart;
using var sampling = new CancellationTokenSource();
var sampler = Task.Run(async () =>
{
    while (!sampling.IsCancellationRequested)
    {
        peakSampled = Math.Max(peakSampled, Rss("VmRSS"));
        await Task.Delay(50);
    }
});
var clock = Stopwatch.StartNew();
var requests = new HostileRequests(orders, seed: 20261124).Mix(options.Requests, options.Oversized);
await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (hostile, ct) =>
{
    try
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(hostile.Body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", hostile.ContentType);
        request.Headers.Add("x-api-target-id", options.Target);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (name, value) in hostile.Headers ?? [])
        {
            request.Headers.Remove(name);
            if (value is not null) request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await http.SendAsync(request, ct);
        await response.Content.ReadAsByteArrayAsync(ct);
        lock (statuses) statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
    }
    catch (HttpRequestException e)
    {
        Interlocked.Increment(ref transportErrors);
        Console.Error.WriteLine($"{hostile.Name}: {e.Message}");
    }
});
var elapsed = clock.Elapsed;
sampling.Cancel();
await sampler;
var rssPeak = Math.Max(peakSampled, Rss("VmHWM"));
await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds));
var rssSettled = Rss("VmRSS");

var after = await Task.WhenAll(orders.Select(o => Snapshot(o.OrderId)));
var unchanged = before.SequenceEqual(after);
var normalStillServed = (await CreateOrder(3)).OrderId.Length > 0;
var serverErrors = statuses.Where(s => s.Key >= 500).Sum(s => s.Value);
var passed = serverErrors == 0 && transportErrors == 0 && unchanged && normalStillServed && rssSettled < options.MaxSettledMb * 1024L * 1024;

Console.WriteLine($"""
    hostile requests:  {options.Requests} ({options.Oversized} distinct oversized documents), concurrency {options.Concurrency}, {elapsed.TotalSeconds:0.0} s ({options.Requests / elapsed.TotalSeconds:0} req/s)
    statuses:          {string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))}
    dropped:           {transportErrors} connections
    server RSS:        start {Mb(rssStart)}, peak during the load {Mb(rssPeak)}, settled {Mb(rssSettled)} ({options.SettleSeconds} s after the load; limit {options.MaxSettledMb} MB)
    stored orders:     {(unchanged ? "unchanged" : "CHANGED")}; normal requests {(normalStillServed ? "answered" : "FAILED")}
    result:            {(passed ? "PASS" : "FAIL")}
    """);
return passed ? 0 : 1;

string Mb(long bytes) => $"{bytes / 1024.0 / 1024:0} MB";

long Rss(string field)
{
    foreach (var line in File.ReadLines($"/proc/{options.ServerPid}/status"))
        if (line.StartsWith(field + ":", StringComparison.Ordinal))
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    throw new InvalidOperationException($"no {field} for process {options.ServerPid}");
}

async Task<string> Token()
{
    using var response = await http.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials", ["client_id"] = options.ClientId, ["client_secret"] = options.ClientSecret,
    }));
    response.EnsureSuccessStatusCode();
    return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!;
}

async Task<JsonNode> GraphQL(string query, JsonObject? variables = null)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
    {
        Content = new StringContent(HostileRequests.Body(query, variables), Encoding.UTF8, "application/json"),
    };
    request.Headers.Add("x-api-target-id", options.Target);
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    using var response = await http.SendAsync(request);
    var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    if (!response.IsSuccessStatusCode || json["errors"] is not null) throw new InvalidOperationException($"setup request failed: {json}");
    return json["data"]!;
}

// The orders the generator aims at, as the hostile-input tests set them up: an alias, a refund and a return each.
async Task<HostileTarget> CreateOrder(int i)
{
    var lineItem = """{ product: { title: "Mug", price: { amount: 10, currencyCode: "USD" }, identifier: { sku: "sku-1" } }, amount: { value: 2 }, selectedDeliveryOffer: { details: { deliveryProvider: AMAZON } } }""";
    var created = await GraphQL($$"""mutation { createOrder(input: { aliases: [{ aliasType: "EXTERNAL_ID", aliasId: "hostile-{{i}}" }], lineItems: [{{lineItem}}, {{lineItem}}] }) { order { id lineItems { id } } } }""");
    var order = created["createOrder"]!["order"]!;
    var id = (string)order["id"]!;
    var items = order["lineItems"]!.AsArray().Select(l => (string)l!["id"]!).ToList();
    await GraphQL($$"""
        mutation { updateOrder(orderIdentifier: { orderId: "{{id}}" }, input: {
          refunds: { details: [{ aliases: [{ aliasType: "EXTERNAL_REFUND_ID", aliasId: "refund-{{i}}" }], state: SUCCESS,
            refundTotal: { totalAmount: { amount: 10, currencyCode: "USD" } }, refundFor: { orderLineItems: [{ lineItemId: { lineItemId: "{{items[0]}}" } }] } }] }
          returns: { details: [{ aliases: [{ aliasType: "EXTERNAL-RETURN-ID", aliasId: "r-{{i}}" }],
            returnLineItems: [{ returnFor: { orderLineItemAmounts: [{ lineItemId: { lineItemId: "{{items[1]}}" }, amount: { value: 1 } }] } }] }] }
        }) { order { id } } }
        """);
    return new HostileTarget(id, items);
}

async Task<string> Snapshot(string orderId) => (await GraphQL($$"""
    { order(orderIdentifier: { orderId: "{{orderId}}" }) { id aliases { aliasType aliasId } lineItems { id amount { value } }
      refunds { details { id state aliases { aliasId } refundTotal { totalAmount { amount } } } } returns { details { id state aliases { aliasId } } }
      totalPrice { value { amount } } metadata { createdAt updatedAt executionState } } }
    """)).ToJsonString();

sealed record Options(string Url, string Target, string ClientId, string ClientSecret, int ServerPid, int Requests, int Oversized, int Concurrency, int SettleSeconds, int MaxSettledMb)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2) values[args[i].TrimStart('-')] = args[i + 1];
        string Need(string name) => values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");
        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v) : fallback;
        return new(Need("url"), Need("target"), Need("client-id"), Need("client-secret"), int.Parse(Need("server-pid")),
            Int("requests", 10_000), Int("oversized", 1_000), Int("concurrency", 16), Int("settle-seconds", 5), Int("max-settled-mb", 300));
    }
}
