using BwpOrders.Domain;
using BwpOrders.Server.Events.Sending;

namespace BwpOrders.Server.Hosting;

/// <summary>
/// Every cache this process keeps of a target's state, forgotten when a reset or restore replaces that state, so none
/// is served stale: the target's clock offset, the auth profiles and OAuth tokens webhooks are sent with, the request journal (here); the
/// shared orders (the order store forgets them itself) and the delivery worker's subscriptions (it listens itself).
/// Credentials and tokens of the API itself are not target state and stay.
/// </summary>
internal static class TargetStateCaches
{
    public static void ForgetOnReplace(IServiceProvider services)
    {
        var clock = services.GetRequiredService<SimulatedClock>();
        var tokens = services.GetRequiredService<OAuthTokens>();
        var webhooks = services.GetRequiredService<WebhookSender>();
        var journal = services.GetRequiredService<Journal.RequestJournal>();
        services.GetRequiredService<TargetStateEvents>().Replaced += target =>
        {
            clock.Forget(target);
            tokens.ForgetAll();
            webhooks.ForgetProfiles();
            journal.Forget(target);
        };
    }
}
