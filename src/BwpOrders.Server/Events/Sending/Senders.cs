using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime.Internal.Auth;
using BwpOrders.Domain;
using BwpOrders.Domain.Events;

namespace BwpOrders.Server.Events.Sending;

/// <summary>What one attempt got: the HTTP status (none if it never got an answer) and, if it failed, why.</summary>
public sealed record SendResult(int? StatusCode, string? Error, long LatencyMs)
{
    public bool Succeeded => Error is null;

    /// <summary>
    /// Runs one attempt within <paramref name="timeout"/>: whatever it throws, short of the server stopping, is a failed
    /// attempt (recorded and retried on the schedule), described without anything the merchant configured in it.
    /// </summary>
    public static async Task<SendResult> AttemptAsync(Func<CancellationToken, Task<(int? Status, string? Error)>> send, TimeSpan timeout, CancellationToken stopping)
    {
        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(timeout);
        (int? Status, string? Error) outcome;
        try
        {
            outcome = await send(deadline.Token);
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            outcome = (null, Describe(e));
        }
        return new SendResult(outcome.Status, outcome.Error, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static string Describe(Exception e) => e switch
    {
        OperationCanceledException => "timed out",
        HttpRequestException { InnerException: System.Net.Sockets.SocketException socket } => $"connection failed: {socket.SocketErrorCode}",
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "the host name does not resolve",
        HttpRequestException { HttpRequestError: not HttpRequestError.Unknown } http => $"the request failed: {http.HttpRequestError}",
        HttpRequestException http => http.Message, // ours: what the policy or the auth endpoint said
        System.Text.Json.JsonException => "the answer is not JSON",
        _ => $"the request could not be sent ({e.GetType().Name})",
    };
}

/// <summary>
/// Posts a webhook delivery: the frozen body, signed (<c>x-amzn-signature</c>, <c>x-amzn-kid</c>), with the
/// subscription's auth (a bearer token from the merchant's OAuth endpoint, or HTTP Basic) applied, on the target's own
/// connections.
/// </summary>
public sealed class WebhookSender(DestinationHttp http, WebhookSigner signer, OAuthTokens tokens, IEventStore store, TimeProvider clock)
{
    // As the worker's subscriptions: read (and decrypted) once per 2 s, whatever the number of deliveries.
    private readonly ExpiringCache<string, AuthProfile?> _profiles = new(clock, TimeSpan.FromSeconds(2));

    /// <summary>Reads auth profiles from the store next time (a target's were reset or restored).</summary>
    public void ForgetProfiles() => _profiles.Clear();

    public Task<SendResult> SendAsync(EventSubscription subscription, WebhookDestination webhook, Delivery delivery, TimeSpan timeout, CancellationToken stopping) =>
        SendResult.AttemptAsync(async ct =>
        {
            var target = subscription.TargetId;
            var auth = webhook.InlineAuth ?? (webhook.AuthProfileId is { } id
                ? (await _profiles.GetAsync($"{target}/{id}", () => store.FindAuthProfileAsync(target, id, ct)))?.Config
                  ?? throw new HttpRequestException($"auth profile {id} no longer exists")
                : null);
            var body = Encoding.UTF8.GetBytes(delivery.Payload);
            using var request = new HttpRequestMessage(new HttpMethod(webhook.Method), webhook.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            var (kid, signature) = await signer.SignAsync(body, ct);
            request.Headers.Add("x-amzn-signature", signature);
            request.Headers.Add("x-amzn-kid", kid);
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("BwpOrders-Webhooks", "1.0"));
            request.Headers.Authorization = auth switch
            {
                OAuthConfig oauth => new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(target, oauth, ct)),
                BasicAuthConfig basic => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{basic.Username}:{basic.Password}"))),
                _ => null,
            };
            using var response = await http.For(target).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (response.StatusCode == HttpStatusCode.Unauthorized && auth is OAuthConfig refused) tokens.Forget(target, refused);
            return ((int)response.StatusCode, response.IsSuccessStatusCode ? null : $"the endpoint answered {(int)response.StatusCode}");
        }, timeout, stopping);
}

/// <summary>
/// Delivers EventBridge destinations with PutEvents (AWS JSON 1.1, SigV4-signed with the AWS SDK's signer) to AWS or
/// to the configured endpoint (LocalStack and the like).
/// </summary>
public sealed class EventBridgeSender(HttpClient http, EventSettings settings, TimeProvider clock)
{
    public Task<SendResult> SendAsync(EventBridgeDestination destination, Delivery delivery, TimeSpan timeout, CancellationToken stopping) =>
        SendResult.AttemptAsync(async ct =>
        {
            var (accessKey, secretKey) = (settings.EventBridge.AccessKeyId, settings.EventBridge.SecretAccessKey);
            if (accessKey.Length == 0 || secretKey.Length == 0)
                return (null, "no AWS credentials (Events:EventBridge:AccessKeyId and SecretAccessKey, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)");
            var endpoint = new Uri(settings.EventBridge.ServiceUrl.Length > 0 ? settings.EventBridge.ServiceUrl : $"https://events.{destination.Region}.amazonaws.com/");
            using var request = Sign(endpoint, destination.Region, Encoding.UTF8.GetBytes(delivery.Payload), accessKey, secretKey, clock.GetUtcNow().UtcDateTime);
            using var response = await http.SendAsync(request, ct);
            var answer = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode) return ((int)response.StatusCode, $"PutEvents answered {(int)response.StatusCode}: {Trim(answer)}");
            using var json = System.Text.Json.JsonDocument.Parse(answer);
            var failed = json.RootElement.TryGetProperty("FailedEntryCount", out var count) ? count.GetInt32() : 0;
            return ((int)response.StatusCode, failed == 0 ? null : $"PutEvents refused the entry: {Trim(answer)}");
        }, timeout, stopping);

    /// <summary>A PutEvents request signed with AWS Signature Version 4 (the canonical request built here, the signature by the AWS SDK).</summary>
    public static HttpRequestMessage Sign(Uri endpoint, string region, byte[] body, string accessKey, string secretKey, DateTime now)
    {
        const string target = "AWSEvents.PutEvents", contentType = "application/x-amz-json-1.1", signedHeaders = "content-type;host;x-amz-date;x-amz-target";
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'");
        var host = endpoint.IsDefaultPort ? endpoint.Host : $"{endpoint.Host}:{endpoint.Port}";
        var path = string.IsNullOrEmpty(endpoint.AbsolutePath) ? "/" : endpoint.AbsolutePath;
        var canonical = $"POST\n{path}\n\ncontent-type:{contentType}\nhost:{host}\nx-amz-date:{amzDate}\nx-amz-target:{target}\n\n{signedHeaders}\n"
                        + Convert.ToHexString(SHA256.HashData(body)).ToLowerInvariant();
        var signature = AWS4Signer.ComputeSignature(accessKey, secretKey, region, now, "events", signedHeaders, canonical);
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        request.Headers.TryAddWithoutValidation("Authorization", signature.ForAuthorizationHeader);
        return request;
    }

    private static string Trim(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
