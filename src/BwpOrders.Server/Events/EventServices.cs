using BwpOrders.Domain;
using BwpOrders.Domain.Access;
using BwpOrders.Domain.Events;
using BwpOrders.Server.Events.Sending;
using BwpOrders.Storage;
using BwpOrders.Server.Api.EventSubscriptions;

namespace BwpOrders.Server.Events;

/// <summary>
/// Wires the events module: the Event interface's service, and delivery beside storage — the dispatcher fanning the
/// outbox out, the worker sending, the signer and its JWKS.
/// </summary>
public static class EventServices
{
    /// <param name="configuredSecrets">The Secrets:Key box, if one is configured.</param>
    public static async Task AddAsync(WebApplicationBuilder builder, BwpStorage storage, Hosting.BwpOrdersOptions options, SecretBox? configuredSecrets)
    {
        var settings = Hosting.Settings.Bind<EventSettings>(builder, "Events", events =>
        {
            events.EventBridge.UseAwsVariablesWhereUnset(builder.Configuration);
            events.Check();
        });
        var secrets = await Hosting.SecretsKey.ForEventsAsync(configuredSecrets, storage);
        var policy = new DestinationPolicy(settings, options.Production, DestinationPolicy.LoopbackOnly(options.Urls));
        var destinations = new DestinationHttp(policy, settings.ProxyUri(), Max(settings.Timeout, OAuthTokens.LongestFetch));
        builder.Services.AddSingleton(destinations);
        builder.Services.AddSingleton(policy);
        builder.Services.AddSingleton(sp => storage.Events(secrets, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<EventSignal>();
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddSingleton<EventSubscriptionService>();
        builder.Services.AddSingleton(sp => new WebhookSigner(sp.GetRequiredService<IEventStore>(), sp.GetRequiredService<TimeProvider>(), settings.SigningCurve));
        builder.Services.AddSingleton(sp => new OAuthTokens(destinations, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new WebhookSender(destinations, sp.GetRequiredService<WebhookSigner>(), sp.GetRequiredService<OAuthTokens>(),
            sp.GetRequiredService<IEventStore>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new EventBridgeSender(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, settings, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<OrderSnapshots>();
        builder.Services.AddSingleton<EventPayloads>();
        if (!settings.Deliver) return;
        builder.Services.AddHostedService<OutboxDispatcher>();
        builder.Services.AddSingleton<DeliveryTelemetry>();
        builder.Services.AddHostedService<DeliveryWorker>();
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    public static void Map(WebApplication app)
    {
        app.MapGet("/jwks.json", async (WebhookSigner signer, CancellationToken ct) => Results.Json(await signer.JwksAsync(ct)));
        EventBacklogGauges.Register(app.Services);
    }
}
