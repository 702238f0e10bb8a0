using System.Text.RegularExpressions;
using BwpOrders.Domain;
using BwpOrders.Domain.Events;
using BwpOrders.Domain.Rules;
using BwpOrders.Server.Events;

namespace BwpOrders.Server.Api.EventSubscriptions;

/// <summary>
/// BwP's Event interface behind the GraphQL fields: subscriptions and webhook auth profiles of the caller's target,
/// validated as BwP's pages show (an input problem is a ValidationError listing every issue; an unknown event type,
/// subscription or profile, or one of another target, is an AccessDeniedError that tells nothing more).
/// </summary>
public sealed partial class EventSubscriptionService(IEventStore store, DestinationPolicy policy, TimeProvider clock)
{
    private const int MaxIdLength = 50, MaxPageSize = 1000, DefaultPageSize = 100;

    public async Task<string> CreateAsync(string targetId, ApiVersion version, CreateSubscriptionCommand command, CancellationToken ct)
    {
        var path = "/createEventSubscription/input";
        var canonical = EventNames.Subscribable(version, command.EventType) ?? throw AccessDenied();
        if ((command.EventBridge is null) == (command.Webhook is null)) throw Invalid($"{path}/destination must name exactly one of eventBridge and webhook");
        if (command.Webhook is not null && version.EventInterface != EventInterface.WithWebhooks)
            throw Invalid($"{path}/destination/webhook is not available in API version {version.Name}; subscribe with eventBridge");
        EventDestination target = command.Webhook is { } webhook
            ? await Webhook(targetId, webhook, $"{path}/destination/webhook", ct)
            : EventBridge(command.EventBridge!, $"{path}/destination/eventBridge");
        var subscription = new EventSubscription(Ids.NewGuid(), targetId, command.EventType, canonical, version.Name, target, Now());
        await store.AddSubscriptionAsync(subscription, ct);
        return subscription.Id;
    }

    public async Task<EventSubscription> GetAsync(string targetId, string? subscriptionId, CancellationToken ct) =>
        subscriptionId is { Length: > 0 and <= MaxIdLength } && await store.FindSubscriptionAsync(subscriptionId, ct) is { } found && found.TargetId == targetId
            ? found : throw AccessDenied();

    public async Task<string> DeleteAsync(string targetId, string? subscriptionId, CancellationToken ct)
    {
        var subscription = await GetAsync(targetId, subscriptionId, ct);
        if (!await store.DeleteSubscriptionAsync(targetId, subscription.Id, Now(), ct)) throw AccessDenied();
        return subscription.Id;
    }

    /// <summary>A page of the target's subscriptions; the cursor is the base64 of the position, as BwP's example shows ("MA==" is the first).</summary>
    public async Task<object> ListAsync(string targetId, string? after, int? first, CancellationToken ct)
    {
        if (after is { Length: > 6000 } || first is < 0 or > MaxPageSize) throw Invalid("/eventSubscriptions: after must be at most 6000 characters and first between 0 and 1000");
        var skip = after is null ? 0 : Position(after) + 1;
        var (page, total) = await store.ListSubscriptionsAsync(targetId, skip, first ?? DefaultPageSize, ct);
        // BwP answers a target without subscriptions with AccessDeniedError, as its example shows.
        if (total == 0) throw AccessDenied();
        var edges = page.Select((s, i) => new { Cursor = Cursor(skip + i), Node = new { Id = s.Id } }).ToList();
        return new
        {
            Edges = edges,
            PageInfo = new
            {
                StartCursor = edges.FirstOrDefault()?.Cursor,
                EndCursor = edges.LastOrDefault()?.Cursor,
                HasPreviousPage = skip > 0,
                HasNextPage = skip + edges.Count < total,
            },
            TotalCount = total,
        };
    }

    public async Task<string> CreateAuthProfileAsync(string targetId, AuthProfileCommand command, CancellationToken ct)
    {
        var alias = command.Id;
        if (alias is not null && !ValidId().IsMatch(alias)) throw Invalid($"/createAuthProfile/input/authProfileAliasId must match \"{ValidId()}\"");
        var profile = new AuthProfile(alias ?? Ids.NewGuid(), targetId, alias, Auth(command.Config, "/createAuthProfile/input/authConfig")!, Now(), Now());
        await store.AddAuthProfileAsync(profile, ct);
        return profile.Id;
    }

    public async Task<string> UpdateAuthProfileAsync(string targetId, AuthProfileCommand command, CancellationToken ct)
    {
        var existing = await FindProfile(targetId, command.Id, ct);
        var config = Auth(command.Config, "/updateAuthProfile/input/authConfig") ?? throw Invalid("/updateAuthProfile/input/authConfig is required");
        await store.UpdateAuthProfileAsync(existing with { Config = config, UpdatedAt = Now() }, ct);
        return existing.Id;
    }

    public async Task<string> DeleteAuthProfileAsync(string targetId, string? authProfileId, CancellationToken ct)
    {
        var existing = await FindProfile(targetId, authProfileId, ct);
        var (subscriptions, _) = await store.ListSubscriptionsAsync(targetId, 0, int.MaxValue, ct);
        if (subscriptions.FirstOrDefault(s => s.Destination is WebhookDestination { AuthProfileId: { } id } && id == existing.Id) is { } user)
            throw Invalid($"/deleteAuthProfile/authProfileId: subscription {user.Id} uses this auth profile; delete it first");
        await store.DeleteAuthProfileAsync(targetId, existing.Id, ct);
        return existing.Id;
    }

    private async Task<AuthProfile> FindProfile(string targetId, string? id, CancellationToken ct) =>
        id is { Length: > 0 and <= MaxIdLength } && await store.FindAuthProfileAsync(targetId, id, ct) is { } found ? found : throw AccessDenied();

    private async Task<WebhookDestination> Webhook(string targetId, WebhookTarget webhook, string path, CancellationToken ct)
    {
        var issues = new List<string>();
        if (policy.Problem(webhook.Url) is { } problem) issues.Add($"{path}/url {problem}");
        if (webhook.Method is null) issues.Add($"{path}/method is required (POST)");
        if (webhook.AuthProfileId is not null && webhook.AuthConfig is not null) issues.Add($"{path} must give authProfileId or authConfig, not both");
        if (issues.Count > 0) throw Invalid([.. issues]);
        if (webhook.AuthProfileId is not null) await FindProfile(targetId, webhook.AuthProfileId, ct);
        return new WebhookDestination(webhook.Url!, webhook.Method!, webhook.AuthProfileId, Auth(webhook.AuthConfig, $"{path}/authConfig"));
    }

    private static EventBridgeDestination EventBridge(EventBridgeTarget bridge, string path)
    {
        var issues = new List<string>();
        if (!Region().IsMatch(bridge.Region)) issues.Add($"{path}/region must match \"{Region()}\"");
        if (!Account().IsMatch(bridge.Account)) issues.Add($"{path}/partnerEventSource/account must match \"{Account()}\"");
        if (!SourceName().IsMatch(bridge.Name)) issues.Add($"{path}/partnerEventSource/name must match \"{SourceName()}\"");
        if (issues.Count > 0) throw Invalid([.. issues]);
        return new EventBridgeDestination(bridge.Region, bridge.Account, bridge.Name);
    }

    /// <summary>An auth configuration (null when none is given): exactly one of OAuth client credentials (https token endpoint) and basic auth.</summary>
    private AuthConfig? Auth(AuthConfigInput? config, string path)
    {
        if (config is null) return null;
        if ((config.OAuth is null) == (config.Basic is null)) throw Invalid($"{path} must give exactly one of oAuthConfig and basicAuthConfig");
        if (config.Basic is { } basic)
            return new BasicAuthConfig(Bounded(basic.Username, $"{path}/basicAuthConfig/username"), Bounded(basic.Password, $"{path}/basicAuthConfig/password"));
        var oauth = config.OAuth!;
        if (policy.Problem(oauth.AuthEndpoint) is { } problem) throw Invalid($"{path}/oAuthConfig/authEndpoint {problem}");
        List<KeyValuePair<string, string>> Pairs(IReadOnlyList<(string? Key, string? Value)> pairs, string field)
        {
            var at = $"{path}/oAuthConfig/httpParameters/{field}";
            if (pairs.Count > HeaderRules.MaxParameters) throw Invalid($"{at} may hold at most {HeaderRules.MaxParameters} parameters");
            return pairs.Select((p, i) => KeyValuePair.Create(Bounded(p.Key, $"{at}/{i}/key"), Bounded(p.Value, $"{at}/{i}/value"))).ToList();
        }
        var headers = Pairs(oauth.HeaderParameters, "headerParameters");
        // Sent as headers: each must be one (no line break may start another header, or another request).
        var issues = headers.SelectMany((h, i) => new[]
        {
            HeaderRules.NameProblem(h.Key) is { } name ? $"{path}/oAuthConfig/httpParameters/headerParameters/{i}/key {name}" : null,
            HeaderRules.ValueProblem(h.Value) is { } value ? $"{path}/oAuthConfig/httpParameters/headerParameters/{i}/value {value}" : null,
        }).OfType<string>().ToArray();
        if (issues.Length > 0) throw Invalid(issues);
        return new OAuthConfig(Bounded(oauth.ClientId, $"{path}/oAuthConfig/clientParameters/clientId"),
            Bounded(oauth.ClientSecret, $"{path}/oAuthConfig/clientParameters/clientSecret"), oauth.AuthEndpoint!, oauth.HttpMethod ?? "POST",
            Pairs(oauth.BodyParameters, "bodyParameters"), headers);
    }

    private static string Bounded(string? value, string path) =>
        value is { Length: > 0 and <= 2048 } ? value : throw Invalid($"{path} must be 1 to 2048 characters");

    private static int Position(string cursor)
    {
        try
        {
            return int.TryParse(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cursor)), out var position) && position >= 0 ? position : throw new FormatException();
        }
        catch (FormatException)
        {
            throw Invalid("/eventSubscriptions/after must be a cursor this query returned");
        }
    }

    private static string Cursor(int position) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(position.ToString()));

    private string Now() => Timestamps.Format(clock.GetUtcNow());

    /// <summary>BwP's request-validation error: every issue, with a JSON-pointer-like path.</summary>
    public static BwpException Invalid(params string[] issues) =>
        BwpException.Validation("ValidationError", $"Input request is not valid, the following issues were encountered: [{string.Join(", ", issues)}]");

    public static BwpException AccessDenied() => new(ErrorKind.AccessDenied, null, "You do not have sufficient access to perform this action.");

    [GeneratedRegex("^(us(-gov)?|ap|ca|cn|eu|sa|af)-(central|(north|south)?(east|west)?)-[0-9]$")]
    private static partial Regex Region();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex Account();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,256}$")]
    private static partial Regex SourceName();

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,50}$")]
    private static partial Regex ValidId();
}
