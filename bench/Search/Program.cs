using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BwpOrders.Storage;

// bench/search.sh's helper. Modes:
//   seed    --url U --token T --target T --orders N --storage SPEC
//           makes three template orders through the API (not started; started with a PENDING package; delivered),
//           then copies them straight into the store as N orders with their listing columns and an alias each
//           (alias-0 ... alias-N-1, one creation second apart), and a return row for every tenth order
//   measure --url U --token T --target T --orders N --requests R [--storage SPEC]
//           R sequential requests of each listing kind over HTTP; prints p50/p95/p99 and rows per answer; with
//           --storage, also the time of one full scan of the orders table for comparison
var a = new Args(args);
return args.FirstOrDefault() switch
{
    "seed" => await Seed(a),
    "measure" => await Measure(a),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("modes: seed, measure");
    return 2;
}

static async Task<int> Seed(Args a)
{
    var api = new Api(a["--url"], a["--token"], a["--target"]);
    var templates = new[] { await api.CreateOrder("tpl-0", started: false), await api.CreateOrder("tpl-1", started: true), await api.CreateOrder("tpl-2", started: true) };
    await api.DeliverAll(templates[2]);
    var database = StorageSpec.Open(a["--storage"]).Database;
    var documents = new List<(string Id, string Alias, string Document, string State, string? Packages)>();
    await using (var connection = await database.OpenAsync(CancellationToken.None))
        foreach (var (id, alias) in templates.Select((id, i) => (id, $"tpl-{i}")))
        {
            await using var read = connection.CreateCommand();
            read.CommandText = $"SELECT document, execution_state, package_state FROM orders WHERE order_id = '{id}'";
            await using var row = await read.ExecuteReaderAsync();
            await row.ReadAsync();
            documents.Add((id, alias, row.GetString(0), row.GetString(1), row.IsDBNull(2) ? null : row.GetString(2)));
        }
    var total = int.Parse(a["--orders"]);
    var newest = DateTimeOffset.UtcNow.AddDays(-1);
    var clock = Stopwatch.StartNew();
    const int PerTransaction = 20_000, PerStatement = 300;
    for (var n = 0; n < total;)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var tx = await connection.BeginTransactionAsync();
        for (var inTx = 0; inTx < PerTransaction && n < total; inTx += PerStatement)
        {
            await using var orders = connection.CreateCommand();
            await using var aliases = connection.CreateCommand();
            await using var returns = connection.CreateCommand();
            orders.Transaction = aliases.Transaction = returns.Transaction = tx;
            var (orderRows, aliasRows, returnRows) = (new List<string>(), new List<string>(), new List<string>());
            BenchSql.Add(orders, "@t", a["--target"]);
            BenchSql.Add(aliases, "@t", a["--target"]);
            BenchSql.Add(returns, "@t", a["--target"]);
            for (var i = 0; i < PerStatement && n < total; i++, n++)
            {
                // 40 % not started, 30 % with a pending package, 30 % delivered.
                var template = documents[n % 10 < 4 ? 0 : n % 10 < 7 ? 1 : 2];
                var id = $"901-{n:D7}-BENCH";
                var created = (newest - TimeSpan.FromSeconds(n)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
                orderRows.Add($"(@t, @o{i}, 1, @d{i}, @c{i}, @c{i}, @s{i}, @p{i})");
                BenchSql.Add(orders, $"@o{i}", id);
                BenchSql.Add(orders, $"@d{i}", template.Document.Replace(template.Id, id).Replace(template.Alias, $"alias-{n}"));
                BenchSql.Add(orders, $"@c{i}", created);
                BenchSql.Add(orders, $"@s{i}", template.State);
                BenchSql.Add(orders, $"@p{i}", (object?)template.Packages ?? DBNull.Value);
                aliasRows.Add($"(@t, 'BENCH', @a{i}, @o{i})");
                BenchSql.Add(aliases, $"@a{i}", $"alias-{n}");
                BenchSql.Add(aliases, $"@o{i}", id);
                if (n % 10 == 9)
                {
                    returnRows.Add($"(@t, @r{i}, @o{i}, @s{i}, @b{i}, @c{i})");
                    BenchSql.Add(returns, $"@r{i}", $"ret-{n}");
                    BenchSql.Add(returns, $"@o{i}", id);
                    BenchSql.Add(returns, $"@s{i}", n % 20 == 9 ? "COMPLETED" : "CREATED");
                    BenchSql.Add(returns, $"@b{i}", n % 40 < 20 ? 1L : 0L);
                    BenchSql.Add(returns, $"@c{i}", created);
                }
            }
            orders.CommandText = "INSERT INTO orders (target_id, order_id, version, document, created_at, updated_at, execution_state, package_state) VALUES " + string.Join(", ", orderRows);
            aliases.CommandText = "INSERT INTO order_aliases (target_id, alias_type, alias_id, order_id) VALUES " + string.Join(", ", aliasRows);
            await orders.ExecuteNonQueryAsync();
            await aliases.ExecuteNonQueryAsync();
            if (returnRows.Count > 0)
            {
                returns.CommandText = "INSERT INTO order_returns (target_id, return_id, order_id, state, started_through_bwp, created_at) VALUES " + string.Join(", ", returnRows);
                await returns.ExecuteNonQueryAsync();
            }
        }
        await tx.CommitAsync();
        if (n % 200_000 < PerTransaction || n == total) Console.Error.WriteLine($"seeded {n:N0} orders ({n / clock.Elapsed.TotalSeconds:N0}/s)");
    }
    return 0;
}

static async Task<int> Measure(Args a)
{
    var api = new Api(a["--url"], a["--token"], a["--target"]);
    var total = int.Parse(a["--orders"]);
    var requests = int.Parse(a["--requests"]);
    var random = new Random(7);
    var middle = (string)(await api.Get($"/control/v1/orders?orderId=901-{total / 2:D7}-BENCH"))["orders"]![0]!["createdAt"]!;
    var quarter = (string)(await api.Get($"/control/v1/orders?orderId=901-{total / 4:D7}-BENCH"))["orders"]![0]!["createdAt"]!;
    string? cursor = null;
    var kinds = new (string Name, Func<string> Path)[]
    {
        ("newest page (first=50)", () => "/control/v1/orders?first=50"),
        ("next page, following cursors", () => "/control/v1/orders?first=50" + (cursor is null ? "" : "&after=" + cursor)),
        ("by alias", () => $"/control/v1/orders?alias=alias-{random.Next(total)}"),
        ("by alias and type", () => $"/control/v1/orders?alias=alias-{random.Next(total)}&aliasType=BENCH"),
        ("by order id", () => $"/control/v1/orders?orderId=901-{random.Next(total):D7}-BENCH"),
        ("state=NOT_STARTED", () => "/control/v1/orders?state=NOT_STARTED"),
        ("packageState=DELIVERED, half way back", () => $"/control/v1/orders?packageState=DELIVERED&createdBefore={middle}"),
        ("created range (a quarter to half way back)", () => $"/control/v1/orders?createdAfter={middle}&createdBefore={quarter}"),
        ("state=STARTED&packageState=PENDING", () => "/control/v1/orders?state=STARTED&packageState=PENDING"),
        ("state=NOT_STARTED&packageState=DELIVERED (none)", () => "/control/v1/orders?state=NOT_STARTED&packageState=DELIVERED"),
        ("returns, newest page", () => "/control/v1/returns"),
        ("returns state=COMPLETED", () => "/control/v1/returns?state=COMPLETED"),
        ("returns of an order", () => $"/control/v1/returns?orderId=901-{random.Next(total / 10) * 10 + 9:D7}-BENCH"),
    };
    foreach (var _ in Enumerable.Range(0, 50)) await api.Get(kinds[0].Path()); // warm-up
    Console.WriteLine($"{"listing",-50} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"rows",6}");
    foreach (var (name, path) in kinds)
    {
        var times = new List<double>();
        var rows = 0;
        cursor = null;
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var page = await api.Get(path());
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            rows = (page["orders"] ?? page["returns"])!.AsArray().Count;
            cursor = (string?)page["next"];
        }
        times.Sort();
        Console.WriteLine($"{name,-50} {At(times, 0.50),8:0.00} {At(times, 0.95),8:0.00} {At(times, 0.99),8:0.00} {rows,6}");
    }
    if (a.Has("--storage"))
    {
        await using var connection = await StorageSpec.Open(a["--storage"]).Database.OpenAsync(CancellationToken.None);
        await using var scan = connection.CreateCommand();
        scan.CommandText = "SELECT COUNT(*) FROM orders WHERE document LIKE '%not-in-any-document%'";
        var started = Stopwatch.GetTimestamp();
        await scan.ExecuteScalarAsync();
        Console.WriteLine($"for comparison, one full scan of the orders table: {Stopwatch.GetElapsedTime(started).TotalMilliseconds:N0} ms");
    }
    return 0;

    static double At(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
}

sealed class Args(string[] args)
{
    public bool Has(string name) => Array.IndexOf(args, name) >= 0;

    public string this[string name] => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1]
        : throw new ArgumentException($"{name} is required");
}

sealed class Api
{
    private readonly HttpClient _http;

    public Api(string url, string token, string target)
    {
        _http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _http.DefaultRequestHeaders.Add("x-api-target-id", target);
    }

    public async Task<string> CreateOrder(string alias, bool started)
    {
        var answer = await Post($$"""
            mutation { createOrder(input: { {{(started ? "desiredExecutionState: STARTED," : "")}} aliases: [{ aliasType: "BENCH", aliasId: "{{alias}}" }],
              lineItems: [{ product: { title: "Mug", price: { amount: 12.5, currencyCode: "USD" }, identifier: { sku: "mug-1" } },
              amount: { value: 2 }, selectedDeliveryOffer: { details: { deliveryProvider: AMAZON } } }],
              totalPrice: { value: { amount: 25, currencyCode: "USD" } } }) { order { id } } }
            """);
        return (string?)answer["data"]?["createOrder"]?["order"]?["id"] ?? throw new InvalidOperationException(answer.ToJsonString());
    }

    /// <summary>Ships and delivers the order's packages through the sandbox's updateOrderPackageInformation.</summary>
    public async Task DeliverAll(string orderId)
    {
        var order = await Post($$"""{ order(orderIdentifier: { orderId: "{{orderId}}" }) { packageInformation { details { id } } } }""");
        foreach (var package in order["data"]!["order"]!["packageInformation"]!["details"]!.AsArray())
            foreach (var state in new[] { "IN_TRANSIT", "DELIVERED" })
            {
                var moved = await Post($$"""
                    mutation { updateOrderPackageInformation(orderIdentifier: { orderId: "{{orderId}}" }, input: { packageInformation: { details: [{
                      id: "{{(string)package!["id"]!}}", packageState: { packageInformationState: { state: {{state}} } } }] } }) { order { id } } }
                    """);
                if (moved["errors"] is not null) throw new InvalidOperationException(moved.ToJsonString());
            }
    }

    public async Task<JsonNode> Get(string path)
    {
        using var response = await _http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonNode.Parse(text)! : throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
    }

    private async Task<JsonNode> Post(string query)
    {
        using var response = await _http.PostAsJsonAsync("/graphql", new { query });
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
