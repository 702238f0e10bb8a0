using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BwpOrders.Samples.Tests;

/// <summary>The shop's webhook endpoint, in the test: a loopback server on a free port that keeps every event BwP posts to it.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<JsonElement> _received;

    private WebhookReceiver(WebApplication app, Channel<JsonElement> received) => (_app, _received) = (app, received);

    /// <summary>Where BwP should post: <c>http://127.0.0.1:PORT/bwp-events</c> (plain HTTP to loopback, which the sandbox allows).</summary>
    public Uri Url => new(_app.Urls.First() + "/bwp-events");

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var received = Channel.CreateUnbounded<JsonElement>();
        app.MapPost("/bwp-events", async (HttpContext http) =>
        {
            await received.Writer.WriteAsync(await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body));
            return Results.Ok(); // a 2xx: BwP stops retrying
        });
        await app.StartAsync();
        return new WebhookReceiver(app, received);
    }

    /// <summary>The first event of <paramref name="eventDescriptor"/> about <paramref name="orderId"/> (its <c>resources</c> name the order).</summary>
    public async Task<JsonElement> WaitForAsync(string eventDescriptor, string orderId, CancellationToken ct)
    {
        await foreach (var envelope in _received.Reader.ReadAllAsync(ct))
            if (envelope.GetProperty("eventDescriptor").GetString() == eventDescriptor
                && envelope.GetProperty("resources").EnumerateArray().Any(r => r.GetString()!.Contains("/order/" + orderId)))
                return envelope;
        throw new InvalidOperationException("The receiver stopped.");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
