using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BwpOrders.Storage;
using BwpOrders.Storage.Relational;

// bench/run.sh's helper. Modes:
//   token      --url U --client-id ID --client-secret S                 prints a bearer token
//   seed       --url U --token T --target T --orders N --out FILE       creates N orders through the API, writes their ids
//   seed-fast  --url U --token T --target T --orders N --out FILE --storage SPEC
//              creates one order through the API, then copies it N-1 times straight into the store (new ids), for
//              million-order runs; writes every id
//   contention --urls U1,U2 --token T --target T --calls 2000 --concurrency 64
//              2,000 updateOrder calls to one order from 64 clients through the given processes, each adding a payment
//              with a unique id; checks every call was acknowledged and every payment is there once
var a = new Args(args);
switch (args.FirstOrDefault())
{
    case "token":
        using (var http = new HttpClient { BaseAddress = new Uri(a["--url"]) })
        {
            var answer = await http.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
                { ["grant_type"] = "client_credentials", ["client_id"] = a["--client-id"], ["client_secret"] = a["--client-secret"] }));
            Console.WriteLine((string)JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["access_token"]!);
        }
        return 0;
    case "seed":
        await File.WriteAllLinesAsync(a["--out"], await new Api(a["--url"], a["--token"], a["--target"]).CreateOrders(int.Parse(a["--orders"])));
        return 0;
    case "seed-fast":
        return await SeedFast(a);
    case "contention":
        return await Contention(a);
    default:
        Console.Error.WriteLine("modes: token, seed, seed-fast, contention");
        return 2;
}

static async Task<int> SeedFast(Args a)
{
    var api = new Api(a["--url"], a["--token"], a["--target"]);
    var template = (await api.CreateOrders(1))[0];
    var storage = StorageSpec.Open(a["--storage"]);
    var database = storage.Database;
    string document;
    await using (var connection = await database.OpenAsync(CancellationToken.None))
    await using (var read = connection.CreateCommand())
    {
        read.CommandText = $"SELECT document FROM orders WHERE order_id = '{template}'";
        document = (string)(await read.ExecuteScalarAsync())!;
    }
    var lineItem = (string)JsonNode.Parse(document)!["lineItems"]![0]!["id"]!;
    var total = int.Parse(a["--orders"]);
    var ids = new List<string>(total) { template };
    var clock = Stopwatch.StartNew();
    const int PerTransaction = 20_000, PerStatement = 500;
    while (ids.Count < total)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var tx = await connection.BeginTransactionAsync();
        for (var inTx = 0; inTx < PerTransaction && ids.Count < total; inTx += PerStatement)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            var rows = new List<string>();
            for (var i = 0; i < PerStatement && ids.Count < total; i++)
            {
                var id = $"900-{ids.Count:D4}-{Random.Shared.Next(100_000, 999_999)}";
                ids.Add(id);
                rows.Add($"(@t, @o{i}, 1, @d{i}, @c, @c)");
                BenchSql.Add(insert, $"@o{i}", id);
                BenchSql.Add(insert, $"@d{i}", document.Replace(template, id).Replace(lineItem, $"li{ids.Count}"));
            }
            BenchSql.Add(insert, "@t", a["--target"]);
            BenchSql.Add(insert, "@c", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
            insert.CommandText = "INSERT INTO orders (target_id, order_id, version, document, created_at, updated_at) VALUES " + string.Join(", ", rows);
            await insert.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        if (ids.Count % 200_000 < PerTransaction || ids.Count == total)
            Console.Error.WriteLine($"seeded {ids.Count:N0} orders ({ids.Count / clock.Elapsed.TotalSeconds:N0}/s)");
    }
    await File.WriteAllLinesAsync(a["--out"], ids);
    return 0;
}

static async Task<int> Contention(Args a)
{
    var urls = a["--urls"].Split(',');
    var apis = urls.Select(u => new Api(u, a["--token"], a["--target"])).ToArray();
    var order = (await apis[0].CreateOrders(1))[0];
    var calls = int.Parse(a["--calls"]);
    var failures = new ConcurrentBag<string>();
    var next = -1;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, int.Parse(a["--concurrency"])).Select(async worker =>
    {
        var api = apis[worker % apis.Length];
        for (var n = Interlocked.Increment(ref next); n < calls; n = Interlocked.Increment(ref next))
        {
            var answer = await api.Post($$"""
                mutation { updateOrder(orderIdentifier: { orderId: "{{order}}" }, input: { payments: { details: [{ id: "payment-{{n}}",
                  amount: { amount: 1, currencyCode: "USD" }, state: SUCCESS, paymentMethod: { displayString: "Visa ending in 1234", type: CARD } }] } }) { order { id } } }
                """);
            if (answer["errors"] is not null) failures.Add(answer.ToJsonString());
        }
    }));
    var seconds = clock.Elapsed.TotalSeconds;
    var stored = await apis[^1].Post($$"""{ order(orderIdentifier: { orderId: "{{order}}" }) { payments { details { id } } } }""");
    var ids = stored["data"]?["order"]?["payments"]?["details"]?.AsArray().Select(p => (string)p!["id"]!).ToList()
        ?? throw new InvalidOperationException("reading the order back failed: " + stored.ToJsonString());
    var exactlyOnce = ids.Count == calls && ids.Distinct().Count() == calls;
    Console.WriteLine($"contention: {calls} updateOrder calls to one order from {a["--concurrency"]} clients through {urls.Length} process(es) in {seconds:0.0} s " +
                      $"({calls / seconds:0} calls/s); {calls - failures.Count} acknowledged, {failures.Count} refused; payments stored: {ids.Count} " +
                      $"({(exactlyOnce ? "each exactly once" : "NOT each exactly once")}) -> {(failures.IsEmpty && exactlyOnce && seconds <= 30 ? "PASS" : "FAIL")}");
    foreach (var failure in failures.Take(3)) Console.WriteLine("  refused: " + failure);
    return failures.IsEmpty && exactlyOnce && seconds <= 30 ? 0 : 1;
}

sealed class Args(string[] args)
{
    public string this[string name] => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1]
        : throw new ArgumentException($"{name} is required");
}

sealed class Api
{
    private readonly HttpClient _http;

    public Api(string url, string token, string target)
    {
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _http.DefaultRequestHeaders.Add("x-api-target-id", target);
    }

    public async Task<List<string>> CreateOrders(int count)
    {
        var ids = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (n, _) =>
        {
            var answer = await Post($$"""
                mutation { createOrder(input: { lineItems: [{ product: { title: "Mug {{n}}", price: { amount: 12.5, currencyCode: "USD" }, identifier: { sku: "mug-{{n % 50}}" } },
                  amount: { value: 2 }, selectedDeliveryOffer: { details: { deliveryProvider: AMAZON } } }],
                  totalPrice: { value: { amount: 25, currencyCode: "USD" } } }) { order { id } } }
                """);
            ids.Add((string?)answer["data"]?["createOrder"]?["order"]?["id"] ?? throw new InvalidOperationException(answer.ToJsonString()));
        });
        return [.. ids];
    }

    public async Task<JsonNode> Post(string query)
    {
        using var response = await _http.PostAsJsonAsync("/graphql", new { query });
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
