using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Event delivery benchmark (bench/events.sh runs it): a local webhook sink, and the server as child processes.
//  1. throughput: N orders are committed by a process that does not deliver (Events__Deliver=false); then a
//     delivering process starts and the time until all N ORDER_CONFIRMED webhooks arrived gives deliveries/s.
//  2. latency: orders created at a steady rate; commit-to-arrival is timed from sending createOrder to the webhook's arrival.
var options = Options.Parse(args);
var arrivals = new ConcurrentDictionary<string, long>();
var sink = await StartSink(arrivals);
var storage = $"sqlite:{options.Work}/orders.db";
if (options.Storage is { } custom) storage = custom;
const string target = "bench-events";

var (clientId, clientSecret) = await Credential(options, storage);
Console.WriteLine($"sink {sink}, storage {(storage.StartsWith("postgres") ? "postgres" : "sqlite")}");

// Phase 1: fill the outbox without delivering, then drain it.
long[] fillAcks;
await using (var filler = await ServerChild.StartAsync(options, storage, deliver: false))
{
    var api = await Api.ConnectAsync(filler.Url, clientId, clientSecret, target);
    await api.SubscribeAsync(sink + "hooks/bench");
    var clock = Stopwatch.StartNew();
    fillAcks = await api.CreateOrdersAsync(options.Orders, options.Concurrency, ratePerSecond: null);
    Console.WriteLine($"filled: {options.Orders} orders committed in {clock.Elapsed.TotalSeconds:0.0} s ({options.Orders / clock.Elapsed.TotalSeconds:0} orders/s), none delivered");
}
arrivals.Clear();
await using (var drainer = await ServerChild.StartAsync(options, storage, deliver: true))
{
    var started = Stopwatch.GetTimestamp();
    // BWP_BENCH_TRACE=file: a CPU trace of the delivering process while it drains (dotnet-trace, installed as a global tool).
    if (Environment.GetEnvironmentVariable("BWP_BENCH_TRACE") is { Length: > 0 } trace)
        Process.Start(new ProcessStartInfo(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet/tools/dotnet-trace"))
            { ArgumentList = { "collect", "-p", drainer.Pid.ToString(), "--profile", "dotnet-sampled-thread-time", "--duration", "00:00:00:08", "-o", trace }, RedirectStandardOutput = true });
    var progress = new List<int>();
    while (arrivals.Count < options.Orders && Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(5))
    {
        await Task.Delay(1000);
        progress.Add(arrivals.Count);
    }
    Console.WriteLine($"arrived after each second: {string.Join(" ", progress)}");
    var first = arrivals.Values.Min();
    var last = arrivals.Values.Max();
    var seconds = Stopwatch.GetElapsedTime(first, last).TotalSeconds;
    Console.WriteLine($"throughput: {arrivals.Count} deliveries in {seconds:0.00} s from the first arrival to the last = {arrivals.Count / seconds:0} deliveries/s" +
                      $" ({Stopwatch.GetElapsedTime(started, last).TotalSeconds:0.00} s after the delivering process was ready)");

    // Phase 2: steady load, commit-to-arrival latency.
    arrivals.Clear();
    var api = await Api.ConnectAsync(drainer.Url, clientId, clientSecret, target);
    var acks = await api.CreateOrdersWithIdsAsync(options.LatencyOrders, options.Concurrency, options.Rate);
    var deadline = Stopwatch.GetTimestamp();
    while (acks.Keys.Any(id => !arrivals.ContainsKey(id)) && Stopwatch.GetElapsedTime(deadline) < TimeSpan.FromSeconds(60)) await Task.Delay(20);
    var latencies = acks.Where(a => arrivals.ContainsKey(a.Key)).Select(a => Stopwatch.GetElapsedTime(a.Value, arrivals[a.Key]).TotalMilliseconds).Order().ToList();
    Console.WriteLine($"latency: {latencies.Count} of {acks.Count} orders at {options.Rate}/s, createOrder sent to webhook arrived: p50 {Percentile(latencies, 0.50):0.0} ms," +
                      $" p90 {Percentile(latencies, 0.90):0.0} ms, p99 {Percentile(latencies, 0.99):0.0} ms, max {latencies.LastOrDefault():0.0} ms");
}
return 0;

static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

static async Task<string> StartSink(ConcurrentDictionary<string, long> arrivals)
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.Logging.ClearProviders();
    var app = builder.Build();
    app.MapPost("/hooks/{name}", async (HttpContext http) =>
    {
        var at = Stopwatch.GetTimestamp();
        using var body = await JsonDocument.ParseAsync(http.Request.Body);
        var resource = body.RootElement.GetProperty("resources")[0].GetString()!;
        arrivals.TryAdd(resource[(resource.LastIndexOf('/') + 1)..], at);
        return Results.Ok();
    });
    await app.StartAsync();
    return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
}

static async Task<(string, string)> Credential(Options options, string storage)
{
    var info = new ProcessStartInfo("dotnet") { ArgumentList = { options.ServerDll, "credentials", "create", "--target-id", "bench-events", "--scopes", "all", "--json", "--storage", storage }, RedirectStandardOutput = true };
    using var process = Process.Start(info)!;
    var json = JsonNode.Parse(await process.StandardOutput.ReadToEndAsync())!;
    await process.WaitForExitAsync();
    return ((string)json["clientId"]!, (string)json["clientSecret"]!);
}

sealed record Options(string ServerDll, string Work, string? Storage, int Orders, int LatencyOrders, int Rate, int Concurrency)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        return new Options(Value("--server", ""), Value("--work", Path.GetTempPath()), Value("--storage", "") is { Length: > 0 } s ? s : null,
            int.Parse(Value("--orders", "10000")), int.Parse(Value("--latency-orders", "2000")), int.Parse(Value("--rate", "200")), int.Parse(Value("--concurrency", "32")));
    }
}

/// <summary>The server as a child process on a free loopback port, logging at Warning.</summary>
sealed class ServerChild : IAsyncDisposable
{
    private readonly Process _process;
    public string Url { get; }
    public int Pid => _process.Id;

    private ServerChild(Process process, string url) => (_process, Url) = (process, url);

    public static async Task<ServerChild> StartAsync(Options options, string storage, bool deliver)
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var info = new ProcessStartInfo("dotnet") { ArgumentList = { options.ServerDll, "serve", "--urls", $"http://127.0.0.1:{port}", "--storage", storage }, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["Limits__RequestsPerSecond"] = "1000000";
        info.Environment["Limits__RequestBurst"] = "1000000";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Events__Deliver"] = deliver ? "true" : "false";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("server: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var i = 0; i < 200; i++)
        {
            try { if ((await http.GetAsync($"http://127.0.0.1:{port}/healthz")).IsSuccessStatusCode) break; } catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        return new ServerChild(process, $"http://127.0.0.1:{port}");
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }
}

/// <summary>Just enough of the API: a token, a subscription, and createOrder as fast as asked.</summary>
sealed class Api(HttpClient http)
{
    public static async Task<Api> ConnectAsync(string url, string clientId, string secret, string target)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(url) };
        var token = await http.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret }));
        var json = JsonNode.Parse(await token.Content.ReadAsStringAsync())!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)json["access_token"]!);
        http.DefaultRequestHeaders.Add("x-api-target-id", target);
        return new Api(http);
    }

    public async Task SubscribeAsync(string url)
    {
        var answer = await Post($$"""mutation { createEventSubscription(input: { destination: { webhook: { url: "{{url}}", method: POST } }, eventType: "ORDER_CONFIRMED" }) { subscriptionId } }""");
        if (answer["errors"] is not null) throw new InvalidOperationException(answer.ToJsonString());
    }

    public async Task<long[]> CreateOrdersAsync(int count, int concurrency, int? ratePerSecond) =>
        (await CreateOrdersWithIdsAsync(count, concurrency, ratePerSecond)).Values.ToArray();

    /// <summary>
    /// Creates orders, paced at <paramref name="ratePerSecond"/> if given; returns each order's id and when its
    /// createOrder was sent (the commit comes between sending and the answer, so timing from the send can only overstate).
    /// </summary>
    public async Task<Dictionary<string, long>> CreateOrdersWithIdsAsync(int count, int concurrency, int? ratePerSecond)
    {
        var acks = new ConcurrentDictionary<string, long>();
        var start = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (n, _) =>
        {
            if (ratePerSecond is { } rate && TimeSpan.FromSeconds((double)n / rate) - Stopwatch.GetElapsedTime(start) is { TotalMilliseconds: > 0 } wait) await Task.Delay(wait);
            var sent = Stopwatch.GetTimestamp();
            var answer = await Post("""mutation { createOrder(input: { lineItems: [{ product: { title: "Mug", price: { amount: 12.5, currencyCode: "USD" }, identifier: { sku: "mug-1" } }, amount: { value: 1 }, selectedDeliveryOffer: { details: { deliveryProvider: AMAZON } } }] }) { order { id } } }""");
            acks[(string)answer["data"]!["createOrder"]!["order"]!["id"]!] = sent;
        });
        return new Dictionary<string, long>(acks);
    }

    private async Task<JsonNode> Post(string query)
    {
        using var response = await http.PostAsJsonAsync("/graphql", new { query });
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
