using System.Net.Http.Json;
using System.Text.Json;

namespace BwpOrders.Testing;

/// <summary>
/// The control API (<c>/control/v1</c>, README "Testing your integration against BwP's side") for the sandbox's target,
/// over HTTP with its token. Answers are the endpoints' JSON as sent; an error answer throws with BwP's error body.
/// </summary>
public sealed class BwpControl
{
    private readonly HttpClient _http;
    private readonly SandboxTokens _tokens;

    internal BwpControl(HttpClient http, SandboxTokens tokens) => (_http, _tokens) = (http, tokens);

    /// <summary><c>GET /clock</c>: <c>{targetId, now, offsetSeconds}</c>.</summary>
    public Task<JsonElement> ClockAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Get, "clock", null, null, ct);

    /// <summary><c>POST /clock/advance</c>: moves the target's clock forward and answers once what fell due has run.</summary>
    public Task<JsonElement> AdvanceClockAsync(TimeSpan by, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "clock/advance", new { seconds = by.TotalSeconds }, null, ct);

    /// <summary><c>GET /orders/{id}/timeline</c>: every change of the order with the events it recorded, named as <paramref name="version"/> names them.</summary>
    public Task<JsonElement> TimelineAsync(string orderId, string? version = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"orders/{Uri.EscapeDataString(orderId)}/timeline", null, version, ct);

    /// <summary><c>GET /deliveries</c>: webhook and EventBridge deliveries with every attempt, newest first (<c>{deliveries, next}</c>).</summary>
    public Task<JsonElement> DeliveriesAsync(string? orderId = null, string? status = null, string? subscriptionId = null, CancellationToken ct = default)
    {
        var query = string.Join('&', new[] { ("orderId", orderId), ("status", status), ("subscriptionId", subscriptionId) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
        return SendAsync(HttpMethod.Get, query.Length == 0 ? "deliveries" : "deliveries?" + query, null, null, ct);
    }

    /// <summary><c>POST /deliveries/{id}/redeliver</c>: a new round of attempts with the same body.</summary>
    public Task<JsonElement> RedeliverAsync(long deliveryId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"deliveries/{deliveryId}/redeliver", null, null, ct);

    /// <summary><c>POST /orders/{id}/returns</c>: a shopper returns delivered items through BwP (<c>items: [{lineItemId, amount, reasonCode}]</c>).</summary>
    public Task<JsonElement> StartReturnAsync(string orderId, object body, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"orders/{Uri.EscapeDataString(orderId)}/returns", body, null, ct);

    /// <summary><c>POST /reset</c>: empties the sandbox's target (orders, returns, subscriptions, deliveries, clock, fault rules); its credential stays.</summary>
    public Task ResetAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Post, "reset", null, null, ct);

    /// <summary><c>POST /snapshots</c>: saves the target's whole state; returns the snapshot id for <see cref="RestoreAsync"/>.</summary>
    public async Task<string> SnapshotAsync(string? name = null, CancellationToken ct = default) =>
        (await SendAsync(HttpMethod.Post, "snapshots", name is null ? null : new { name }, null, ct)).GetProperty("snapshotId").GetString()!;

    /// <summary><c>POST /snapshots/{id}/restore</c>: puts the target back as it was when the snapshot was taken.</summary>
    public Task RestoreAsync(string snapshotId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"snapshots/{Uri.EscapeDataString(snapshotId)}/restore", null, null, ct);

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, string? version, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, "control/v1/" + path) { Content = body is null ? null : JsonContent.Create(body) };
        if (version is not null) request.Headers.Add("x-api-version", version);
        await _tokens.AuthorizeAsync(request);
        using var response = await _http.SendAsync(request, ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NoContent) return default;
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return response.IsSuccessStatusCode ? answer
            : throw new HttpRequestException($"{method} /control/v1/{path} answered {(int)response.StatusCode}: {answer}", null, response.StatusCode);
    }
}
