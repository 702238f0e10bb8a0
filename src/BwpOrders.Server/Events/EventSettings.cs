using BwpOrders.Domain.Events;

namespace BwpOrders.Server.Events;

/// <summary>
/// Event delivery settings (configuration section "Events", e.g. <c>Events__RetryDelays=1s,5s,30s</c>).
/// </summary>
public sealed class EventSettings
{
    /// <summary>The waits before each retry of a failed delivery (the attempts after the first); then it has failed.</summary>
    public string RetryDelays { get; set; } = "10s,30s,2m,10m,30m,1h,2h,4h,8h";

    /// <summary>How long one attempt may take (connect, send, answer).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Host names webhooks and OAuth endpoints may target (<c>shop.example.com</c>, <c>*.example.com</c>); empty: any public host.</summary>
    public string AllowedWebhookHosts { get; set; } = "";

    /// <summary>Loopback targets (a merchant's local app, over http too); default: allowed in the sandbox, not in production.</summary>
    public bool? AllowLoopback { get; set; }

    /// <summary>Private network targets (10/8, 172.16/12, 192.168/16, fc00::/7); off unless set.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Whether this process fans events out and sends them (off: an API-only process; another one delivers).</summary>
    public bool Deliver { get; set; } = true;

    /// <summary>
    /// The curve of new webhook signing keys: P-384 (ES384, the default) or P-256 (ES256, about thirty times cheaper to
    /// sign with on OpenSSL 3.0; for high delivery rates). Keys already made keep theirs.
    /// </summary>
    public string SigningCurve { get; set; } = "P-384";

    /// <summary>Deliveries sent at once by one process.</summary>
    public int Concurrency { get; set; } = 64;

    /// <summary>
    /// An HTTP proxy for webhooks and OAuth token endpoints (<c>http://egress.internal:3128</c>); empty: none. Proxies
    /// from the environment (HTTPS_PROXY, ...) are never used: the proxy, not this server, would connect, and the
    /// destination rules are checked here, on the addresses a name resolves to, before a request goes to it.
    /// </summary>
    public string Proxy { get; set; } = "";

    public EventBridgeSettings EventBridge { get; set; } = new();

    public RetryPolicy Retries() => RetryPolicy.Parse(RetryDelays);

    /// <summary>Fails the start on a malformed value (rather than the first retry, proxy use or new key), naming it.</summary>
    public void Check()
    {
        Retries();
        ProxyUri();
        Sending.WebhookSigner.Curve(SigningCurve);
    }

    /// <summary>The <see cref="Proxy"/>, checked at start.</summary>
    public Uri? ProxyUri() => Proxy.Length == 0 ? null
        : Uri.TryCreate(Proxy, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.UserInfo) && uri.AbsolutePath == "/" ? uri
        : throw new ArgumentException("Events:Proxy must be an http(s) URL of a proxy without a path or credentials, e.g. http://egress.internal:3128.");
}

/// <summary>Where EventBridge destinations are delivered (PutEvents): AWS itself, or LocalStack and the like.</summary>
public sealed class EventBridgeSettings
{
    /// <summary>The EventBridge endpoint; empty: AWS's <c>https://events.{region}.amazonaws.com</c>.</summary>
    public string ServiceUrl { get; set; } = "";
    public string AccessKeyId { get; set; } = "";
    public string SecretAccessKey { get; set; } = "";

    /// <summary>AWS's own variables, <c>AWS_ACCESS_KEY_ID</c> and <c>AWS_SECRET_ACCESS_KEY</c>, stand in for keys not set here.</summary>
    public void UseAwsVariablesWhereUnset(IConfiguration configuration)
    {
        if (AccessKeyId.Length == 0) AccessKeyId = configuration["AWS_ACCESS_KEY_ID"] ?? "";
        if (SecretAccessKey.Length == 0) SecretAccessKey = configuration["AWS_SECRET_ACCESS_KEY"] ?? "";
    }
}
