using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BwpOrders.Tests.Infrastructure;

/// <summary>A request the sink received: path, headers, the raw body, and which of the sink's connections carried it.</summary>
public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset At, string Connection = "")
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
    public string Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : "";
}

/// <summary>
/// A merchant's endpoint on loopback, as real as the server's: a Kestrel app recording every request. Webhooks post
/// to <c>/hooks/{name}</c>; <c>/oauth/token</c> is an OAuth client-credentials token endpoint. <see cref="Respond"/>
/// decides each answer (e.g. fail three times, then succeed).
/// </summary>
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _tokens;

    public ConcurrentQueue<Received> Requests { get; } = new();
    public Uri BaseAddress { get; }

    /// <summary>The status code for a webhook request; by default 200.</summary>
    public Func<Received, int> Respond { get; set; } = _ => 200;

    /// <summary>How long the sink waits before it answers a webhook request; by default not at all.</summary>
    public Func<Received, TimeSpan> Delay { get; set; } = _ => TimeSpan.Zero;

    /// <summary>The <c>access_token</c> the token endpoint hands out; by default a new <c>sink-token-N</c> each time.</summary>
    public Func<string>? AccessToken { get; set; }

    private WebhookSink(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public static async Task<WebhookSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookSink? sink = null;
        app.Map("/{**path}", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            var received = new Received(http.Request.Path, headers, body.ToArray(), DateTimeOffset.UtcNow, http.Connection.Id);
            sink!.Requests.Enqueue(received);
            if (http.Request.Path == "/oauth/token")
            {
                var token = sink.AccessToken?.Invoke() ?? $"sink-token-{Interlocked.Increment(ref sink._tokens)}";
                await http.Response.WriteAsJsonAsync(new { access_token = token, token_type = "Bearer", expires_in = 3600 });
                return;
            }
            if (sink.Delay(received) is { Ticks: > 0 } delay) await Task.Delay(delay, http.RequestAborted);
            http.Response.StatusCode = sink.Respond(received);
            // As EventBridge answers PutEvents: every entry accepted.
            if (http.Request.Path == "/eventbridge" && http.Response.StatusCode == 200)
                await http.Response.WriteAsync("""{"FailedEntryCount":0,"Entries":[{"EventId":"11111111-2222-3333-4444-555555555555"}]}""");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sink = new WebhookSink(app, new Uri(address));
        return sink;
    }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    public List<Received> At(string path) => Requests.Where(r => r.Path == path).ToList();

    /// <summary>Waits until the requests to <paramref name="path"/> satisfy <paramref name="done"/>; fails after <paramref name="seconds"/>.</summary>
    public async Task<List<Received>> WaitFor(string path, Func<List<Received>, bool> done, double seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var received = At(path);
            if (done(received)) return received;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"{path}: still waiting after {seconds} s; got {received.Count}: " +
                                                   string.Join("\n", received.Select(r => Encoding.UTF8.GetString(r.Body))));
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
