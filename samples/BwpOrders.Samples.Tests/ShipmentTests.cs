using BwpOrders.Testing;

namespace BwpOrders.Samples.Tests;

/// <summary>
/// A merchant's integration test: the shop's own code places an order with BwP, BwP's side ships and delivers it
/// while the test moves the target's clock, and the shop sees the delivery both by asking and by webhook.
/// </summary>
public sealed class ShipmentTests(BwpSandboxFixture sandbox) : IClassFixture<BwpSandboxFixture>, IAsyncLifetime
{
    private static readonly TimeSpan EventWait = TimeSpan.FromSeconds(30); // only so a missing event fails instead of hanging
    private readonly BwpSandbox _bwp = sandbox.Bwp;
    private readonly HttpClient _http = new();
    private WebhookReceiver _webhooks = null!;
    private MerchantShop _shop = null!;

    public async Task InitializeAsync()
    {
        _webhooks = await WebhookReceiver.StartAsync();
        // What the shop reads from its configuration; in production, BwP's URL and the credential from BwP's console.
        _shop = new MerchantShop(_http, new BwpSettings(_bwp.Url, _bwp.Credential.ClientId, _bwp.Credential.ClientSecret, _bwp.Credential.TargetId));
    }

    [Fact]
    public async Task An_order_the_shop_places_is_shipped_and_delivered_by_BwP_and_the_shop_hears_of_it()
    {
        await _shop.SubscribeAsync("PACKAGE_DELIVERED", _webhooks.Url);
        var orderId = await _shop.PlaceOrderAsync(sku: "mug-1", title: "Mug", price: 12.50m, quantity: 2);
        Assert.Equal(["PENDING"], await _shop.PackageStatesAsync(orderId));

        await _bwp.AdvanceClockAsync(TimeSpan.FromDays(1)); // BwP ships a day after the order
        Assert.Equal(["IN_TRANSIT"], await _shop.PackageStatesAsync(orderId));
        await _bwp.AdvanceClockAsync(TimeSpan.FromDays(2)); // and delivers two days later
        Assert.Equal(["DELIVERED"], await _shop.PackageStatesAsync(orderId));

        using var wait = new CancellationTokenSource(EventWait);
        var delivered = await _webhooks.WaitForAsync("PACKAGE_DELIVERED", orderId, wait.Token);
        Assert.Equal("2024-11-01", delivered.GetProperty("apiVersion").GetString());
    }

    [Fact]
    public async Task The_control_API_shows_what_BwP_announced_and_sent_for_the_order()
    {
        var subscription = await _shop.SubscribeAsync("ORDER_CONFIRMED", _webhooks.Url);
        var orderId = await _shop.PlaceOrderAsync(sku: "tea-1", title: "Tea", price: 4m, quantity: 1);
        using var wait = new CancellationTokenSource(EventWait);
        var received = await _webhooks.WaitForAsync("ORDER_CONFIRMED", orderId, wait.Token);

        var timeline = await _bwp.Control.TimelineAsync(orderId);
        var events = timeline.GetProperty("changes").EnumerateArray().SelectMany(c => c.GetProperty("events").EnumerateArray()).Select(e => e.GetProperty("eventType").GetString());
        Assert.Contains("ORDER_CONFIRMED", events);
        var deliveries = await _bwp.Control.DeliveriesAsync(orderId: orderId, subscriptionId: subscription);
        // The delivery is logged before it is sent: the one that reached the shop is in the list (its state may still
        // say it is in flight, as the log is updated once the shop's answer is back).
        var eventId = received.GetProperty("eventId").GetString();
        Assert.Contains(deliveries.GetProperty("deliveries").EnumerateArray(), d => d.GetProperty("eventId").GetString() == eventId);
    }

    public async Task DisposeAsync()
    {
        await _webhooks.DisposeAsync();
        _http.Dispose();
    }
}
